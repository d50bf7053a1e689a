package io.atta.cli.bench;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.wealth.CreateFund;
import io.atta.core.wealth.PublishIncome;
import io.atta.core.wealth.Redeem;
import io.atta.core.wealth.Subscribe;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.wealth.HoldingView;
import io.atta.engine.wealth.WealthModule;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code atta bench --workload fund}: the fund module's own cost, in process, one thread per shard
 * applying batches to its shard's state machine (no HTTP, no Raft, no fsync: the figure is the
 * engine's, which is what bounds a day's posting). Each shard gets {@code holders / shards}
 * holders, who subscribe in batches (timed), are confirmed the next day, redeem a little in
 * batches (timed), and then {@code days} days close and are posted (timed: holders credited per
 * second, both shards at once). The heap is measured after a full GC before and after the
 * holders subscribe (bytes per holder) and across the posted days (bytes per holder per day
 * kept for income history). Every holder's income is then checked against the exact rule.
 */
final class FundBenchmark {
    static final String code = "BENCH";
    static final ZoneId zone = ZoneId.of("Asia/Shanghai");
    static final int cny = Currency.CNY.ledger();
    static final long per10k = 4521;

    record Outcome(long holders, int shards, int batch, double subscribeSeconds, double redeemSeconds,
                   List<Double> postSeconds, long bytesPerHolder, long bytesPerHolderDay, long checkedHolders) {
    }

    private FundBenchmark() {
    }

    static long at(LocalDate day, int hour) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, 0)).atZone(zone).toInstant().toEpochMilli()
                * 1_000_000L;
    }

    static Outcome run(long holders, int shards, int batch, int days, long seed, PrintWriter err) throws Exception {
        LocalDate monday = LocalDate.of(2027, 1, 4);
        List<ShardLedger> ledgers = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            int shard = s;
            ledgers.add(new ShardLedger(s, s, slot -> slot % shards == shard, new InMemoryTransferStore()));
        }
        int per = (int) (holders / shards);
        ExecutorService pool = Executors.newFixedThreadPool(shards);
        try {
            parallel(pool, ledgers, l -> {
                apply(l, at(monday, 8), new CreateFund(code, "Bench fund", cny, user(l.shardId(), 0),
                        user(l.shardId(), 0) + 1, 900, zone.getId(), 1_000_000, 10_000_000, "",
                        (int) monday.toEpochDay()));
                List<Command> batchOf = new ArrayList<>();
                for (int i = 0; i < per; i++) {
                    batchOf.add(new CreateUser(user(l.shardId(), i), user(l.shardId(), i) + 1, cny, i + 1, 0, 0, 0));
                    batchOf.add(new CreateTransfer(Ids.compose(l.shardId(), Ids.firstUserLocalId + 2L * per + i),
                            HouseAccount.bankFunding.id(l.shardId(), Currency.CNY), user(l.shardId(), i) + 1,
                            2_000_000, cny, 1, 0, 0, 0, 0, 0));
                    flush(l, at(monday, 9), batchOf, batch, i == per - 1);
                }
                return 0.0;
            });
            err.printf("[bench] fund: %,d users with wallets on %d shards%n", (long) per * shards, shards);
            long heap0 = usedHeap();
            SplittableRandom rnd = new SplittableRandom(seed);
            long[] amounts = new long[per];
            for (int i = 0; i < per; i++) {
                amounts[i] = 100_000 + rnd.nextLong(900_000);
            }
            double subscribe = parallel(pool, ledgers, l -> timed(() -> {
                List<Command> batchOf = new ArrayList<>();
                for (int i = 0; i < per; i++) {
                    batchOf.add(new Subscribe(code, "s" + i, user(l.shardId(), i), amounts[i]));
                    flush(l, at(monday, 10), batchOf, batch, i == per - 1);
                }
            }));
            parallel(pool, ledgers, l -> {
                apply(l, at(monday.plusDays(1), 0), Tick.instance);
                apply(l, at(monday.plusDays(1), 1), new PublishIncome(code, (int) monday.toEpochDay(), per10k));
                return 0.0;
            });
            double redeem = parallel(pool, ledgers, l -> timed(() -> {
                List<Command> batchOf = new ArrayList<>();
                for (int i = 0; i < per; i++) {
                    batchOf.add(new Redeem(code, "r" + i, user(l.shardId(), i), 1_000, (i & 1) == 0));
                    flush(l, at(monday.plusDays(1), 10), batchOf, batch, i == per - 1);
                }
            }));
            long heap1 = usedHeap();
            err.printf("[bench] fund: %,d subscriptions in %.2f s, %,d redemptions in %.2f s%n", (long) per * shards,
                    subscribe, (long) per * shards, redeem);
            List<Double> post = new ArrayList<>();
            for (int d = 1; d <= days; d++) {
                LocalDate day = monday.plusDays(d);
                double seconds = parallel(pool, ledgers, l -> timed(() -> {
                    apply(l, at(day.plusDays(1), 0), Tick.instance);
                    apply(l, at(day.plusDays(1), 9), new PublishIncome(code, (int) day.toEpochDay(), per10k));
                }));
                post.add(seconds);
                err.printf("[bench] fund: %s posted for %,d holders in %.3f s%n", day, (long) per * shards, seconds);
            }
            long heap2 = usedHeap();
            long checked = check(ledgers, per, amounts, days);
            return new Outcome((long) per * shards, shards, batch, subscribe, redeem, post,
                    (heap1 - heap0) / ((long) per * shards), (heap2 - heap1) / ((long) per * shards * days), checked);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every holder's units against the exact rule, day by day: the bench checks its own result. */
    private static long check(List<ShardLedger> ledgers, int per, long[] amounts, int days) {
        long checked = 0;
        for (ShardLedger l : ledgers) {
            WealthModule w = l.module(WealthModule.class);
            for (int i = 0; i < per; i++) {
                long units = amounts[i] - 1_000;
                for (int d = 0; d < days; d++) {
                    units += units * per10k / 100_000_000L;
                }
                HoldingView h = w.holding(code, user(l.shardId(), i));
                if (h.units() != units) {
                    throw new BenchFailure("holder " + i + " of shard " + l.shardId() + " has " + h.units()
                            + " units, the rule says " + units);
                }
                checked++;
            }
        }
        return checked;
    }

    static long user(int shard, int i) {
        return Ids.compose(shard, Ids.firstUserLocalId + 2L * i);
    }

    private static void flush(ShardLedger l, long ts, List<Command> batchOf, int batch, boolean last) {
        if (batchOf.size() >= batch || last && !batchOf.isEmpty()) {
            Result[] rs = l.apply(ts, batchOf.toArray(new Command[0]));
            for (Result r : rs) {
                if (r != Result.ok) {
                    throw new BenchFailure("shard " + l.shardId() + " refused a bench command: " + r.apiName());
                }
            }
            batchOf.clear();
        }
    }

    private static void apply(ShardLedger l, long ts, Command c) {
        Result r = l.apply(ts, new Command[] {c})[0];
        if (r != Result.ok) {
            throw new BenchFailure("shard " + l.shardId() + " refused " + c.getClass().getSimpleName() + ": "
                    + r.apiName());
        }
    }

    interface Step {
        void run() throws Exception;
    }

    static double timed(Step s) throws Exception {
        long t = System.nanoTime();
        s.run();
        return (System.nanoTime() - t) / 1e9;
    }

    interface PerShard {
        double run(ShardLedger l) throws Exception;
    }

    /** Runs {@code work} on every shard at once; the wall time of the slowest, in seconds. */
    static double parallel(ExecutorService pool, List<ShardLedger> ledgers, PerShard work) throws Exception {
        long t = System.nanoTime();
        List<Future<Double>> all = new ArrayList<>();
        for (ShardLedger l : ledgers) {
            all.add(pool.submit((Callable<Double>) () -> work.run(l)));
        }
        for (Future<Double> f : all) {
            f.get();
        }
        return (System.nanoTime() - t) / 1e9;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
