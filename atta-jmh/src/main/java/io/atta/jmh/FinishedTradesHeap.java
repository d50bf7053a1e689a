package io.atta.jmh;

import io.atta.cluster.DataDirectory;
import io.atta.cluster.history.IndexerSteps;
import io.atta.cluster.history.ProjectedHistory;
import io.atta.cluster.history.RocksHistory;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.PayTrade;
import io.atta.core.command.Result;
import io.atta.core.command.TradeAction;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeOp;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.trade.OrderView;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How much heap one shard keeps for finished trades (issue 14 part 6): applies escrow trades
 * through their whole life (create, pay, ship, confirm; 1,000 per batch, each step its own batch)
 * straight to a shard with the server's history (projected into RocksDB behind apply), and prints
 * one JSON line at each checkpoint with the heap used after a full GC, the trades and orders still
 * in memory, the history's id filter (the part of the heap that grows with the history: about two
 * bytes per transfer id and per archived record) and the history's size on disk. A flat heap,
 * less the id filter, from the first checkpoint to the last is the goal: finished trades live in
 * the history store, not the heap.
 *
 * <pre>
 * java -Xmx1g -cp atta-jmh/target/benchmarks.jar io.atta.jmh.FinishedTradesHeap 100000 1000000 5000000
 * </pre>
 */
public final class FinishedTradesHeap {
    private static final int perBatch = 1_000;
    private static final int buyers = 1_000;
    private static final int payTimeoutSeconds = 1;
    private static final int cny = Currency.CNY.ledger();
    private static final long amount = 100;
    private static final long first = Ids.firstUserLocalId;
    private static final long merchant = Ids.compose(1, first + 1);
    private static final long merchantWallet = Ids.compose(1, first + 2);
    private static final long settlement = Ids.compose(1, first + 3);

    private final ShardLedger ledger;
    private final ProjectedHistory history;
    private long index;
    /** The log's time: each batch 10 ms after the last, so pay deadlines (1 s) pass as trades go on. */
    private long now = 1_700_000_000_000_000_000L;

    private FinishedTradesHeap(ProjectedHistory history) {
        this.history = history;
        this.ledger = ShardLedger.standalone(history);
    }

    private static long buyer(int i) {
        return Ids.compose(2 + i % 100, first + 10 + 2L * (i / 100));
    }

    private static long wallet(int i) {
        return buyer(i) + 1;
    }

    private static long tradeNo(long n) {
        return Ids.compose(7, 1_000_000 + n);
    }

    private void apply(Command... commands) {
        history.setApplyingIndex(++index);
        Result[] results = ledger.apply(now, commands);
        now += 10_000_000L;
        for (int i = 0; i < results.length; i++) {
            if (results[i] != Result.ok) {
                throw new IllegalStateException("command " + commands[i] + " answered " + results[i]);
            }
        }
    }

    private void setUp() {
        apply(new CreateUser(merchant, merchantWallet, cny, 1, 1, 1, 1));
        apply(new CreateAccount(settlement, merchant, cny, 10, 0, 0),
                new CreateMerchant(merchant, settlement, 6_000, "Teahouse", "", ""));
        long bank = HouseAccount.bankFunding.id(0, Currency.CNY);
        for (int from = 0; from < buyers; from += perBatch) {
            Command[] users = new Command[perBatch];
            Command[] topUps = new Command[perBatch];
            for (int i = 0; i < perBatch; i++) {
                users[i] = new CreateUser(buyer(from + i), wallet(from + i), cny, 2, 2, 2, 2);
                topUps[i] = new CreateTransfer(1 + from + i, bank, wallet(from + i), 1_000_000_000_000L, cny, 1, 0, 0,
                        0, 0, 0);
            }
            apply(users);
            apply(topUps);
        }
    }

    /** Trades {@code [from, to)} through their life, 1,000 at a time. */
    private void trade(long from, long to) {
        Command[] create = new Command[perBatch];
        Command[] pay = new Command[perBatch];
        Command[] ship = new Command[perBatch];
        Command[] confirm = new Command[perBatch];
        for (long n = from; n < to; n += perBatch) {
            for (int i = 0; i < perBatch; i++) {
                long no = tradeNo(n + i);
                int b = (int) ((n + i) % buyers);
                create[i] = new CreateTrade(no, merchant, "o-" + (n + i), buyer(b), amount, cny,
                        GoodsType.physical.code(), payTimeoutSeconds, false, "tea");
            }
            apply(create);
            for (int i = 0; i < perBatch; i++) {
                long no = tradeNo(n + i);
                int b = (int) ((n + i) % buyers);
                OrderView o = ledger.trades().order(no);
                pay[i] = new PayTrade(no, merchant, o.outTradeNo(), buyer(b), wallet(b), amount, cny,
                        GoodsType.physical.code(), o.payDeadline(), settlement, 6_000, PayTrade.fundingWallet, false,
                        TradeKind.escrow.code(), 0, o.subject(), o.createdAt());
                ship[i] = new TradeAction(no, TradeOp.ship, merchant, 0, 0, "SF", "SF" + (n + i));
                confirm[i] = new TradeAction(no, TradeOp.confirm, buyer(b), 0, 0, "", "");
            }
            apply(pay);
            apply(ship);
            apply(confirm);
        }
    }

    private static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    public static void main(String[] args) throws IOException {
        long[] checkpoints = args.length == 0 ? new long[] {100_000, 1_000_000, 5_000_000}
                : Arrays.stream(args).mapToLong(Long::parseLong).sorted().toArray();
        Path dir = Files.createTempDirectory("atta-finished-trades");
        try (ProjectedHistory history = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("history")),
                IndexerSteps.none(), "heap")) {
            FinishedTradesHeap run = new FinishedTradesHeap(history);
            run.setUp();
            long done = 0;
            long started = System.nanoTime();
            for (long checkpoint : checkpoints) {
                run.trade(done, checkpoint);
                done = checkpoint;
                history.drain();
                // Past every pay deadline, so that the last orders are final too.
                run.now += (payTimeoutSeconds + 1) * 1_000_000_000L;
                for (int i = 0; i < 10_000 && run.ledger.trades().ordersInMemory() > 0; i++) {
                    run.apply(io.atta.core.command.Tick.instance);
                }
                history.drain();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT,
                        "{\"finished_trades\":%d,\"heap_used_after_gc_bytes\":%d,\"id_filter_bytes\":%d,"
                                + "\"trades_in_memory\":%d,\"orders_in_memory\":%d,\"history_bytes_on_disk\":%d,"
                                + "\"lifecycles_per_sec\":%.0f}%n",
                        done, heapAfterGc(), history.idFilterBytes(), run.ledger.trades().tradesInMemory(),
                        run.ledger.trades().ordersInMemory(), bytesUnder(dir), done / seconds);
            }
        } finally {
            DataDirectory.delete(dir);
        }
    }
}
