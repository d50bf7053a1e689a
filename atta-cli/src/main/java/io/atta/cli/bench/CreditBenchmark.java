package io.atta.cli.bench;

import io.atta.core.Currency;
import io.atta.core.Funding;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.PayTrade;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.credit.AdjustCreditLender;
import io.atta.core.credit.OpenCreditLine;
import io.atta.core.credit.SetKyc;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.engine.credit.CreditModule;
import io.atta.engine.credit.StatementView;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code atta bench --workload credit-pay}: credit pay's own cost, in process, one thread per shard
 * applying batches to its shard's state machine (no HTTP, no Raft, no fsync). Each shard gets
 * {@code lines / shards} verified buyers with a credit line and a merchant; the buyers pay
 * {@code payments / shards} trades each way, created and paid in one batch entry (create and pay):
 * first from their wallets, then with credit pay (both timed, the same trades' shape, so the ratio
 * is credit pay's added cost). Then the 1st of the month opens: every line's statement is issued
 * and every profile rescored (timed: lines per second; the days before it pass untimed). Every statement is checked against the
 * purchases it bills.
 */
final class CreditBenchmark {
    static final ZoneId zone = ZoneId.of("Asia/Shanghai");
    static final int cny = Currency.CNY.ledger();
    static final long price = 100;
    private static final int payTimeoutSeconds = 900;

    record Outcome(long lines, long payments, int shards, int batch, double walletSeconds, double creditSeconds,
                   double statementSeconds, long checkedLines) {
    }

    private CreditBenchmark() {
    }

    static long at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(zone).toInstant().toEpochMilli() * 1_000_000L;
    }

    static Outcome run(long lines, long payments, int shards, int batch, PrintWriter err) throws Exception {
        LocalDate day = LocalDate.of(2027, 1, 6);
        List<ShardLedger> ledgers = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            int shard = s;
            ledgers.add(new ShardLedger(s, s, slot -> slot % shards == shard, new InMemoryTransferStore()));
        }
        int per = (int) (lines / shards);
        int paysPer = (int) (payments / shards);
        ExecutorService pool = Executors.newFixedThreadPool(shards);
        try {
            FundBenchmark.parallel(pool, ledgers, l -> {
                setUp(l, per, batch, day);
                return 0.0;
            });
            err.printf("[bench] credit-pay: %,d lines open on %d shards%n", (long) per * shards, shards);
            double wallet = FundBenchmark.parallel(pool, ledgers, l -> FundBenchmark.timed(() -> pay(l, per, paysPer, batch, day, 0,
                    Funding.wallet.code())));
            double credit = FundBenchmark.parallel(pool, ledgers, l -> FundBenchmark.timed(() -> pay(l, per, paysPer, batch, day, paysPer,
                    Funding.credit_pay.code())));
            err.printf("[bench] credit-pay: %,d wallet payments in %.2f s, %,d credit-pay payments in %.2f s%n",
                    (long) paysPer * shards, wallet, (long) paysPer * shards, credit);
            // The days up to the statement day pass untimed (each midnight rescores every profile);
            // the timed midnight issues every statement and rescores once more.
            FundBenchmark.parallel(pool, ledgers, l -> {
                apply(l, at(LocalDate.of(2027, 1, 31), 0), Tick.instance);
                return 0.0;
            });
            double statements = FundBenchmark.parallel(pool, ledgers, l -> FundBenchmark.timed(() -> apply(l, at(LocalDate.of(2027, 2, 1), 0),
                    Tick.instance)));
            err.printf("[bench] credit-pay: statements for %,d lines in %.2f s%n", (long) per * shards, statements);
            long checked = check(ledgers, per, paysPer);
            return new Outcome((long) per * shards, (long) paysPer * shards, shards, batch, wallet, credit, statements,
                    checked);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void setUp(ShardLedger l, int per, int batch, LocalDate day) {
        int s = l.shardId();
        long merchant = user(s, per);
        long t = at(day.minusYears(1), 9);
        apply(l, t, new CreateUser(merchant, merchant + 1, cny, 1, 0, 0, 0));
        apply(l, t, new CreateAccount(Ids.compose(s, Ids.firstUserLocalId + 2L * per + 2), merchant, cny, 10, 0, 0));
        apply(l, t, new CreateMerchant(merchant, Ids.compose(s, Ids.firstUserLocalId + 2L * per + 2), 6_000,
                "Bench shop", "", "secret"));
        apply(l, t, new AdjustCreditLender("bench", cny, Long.MAX_VALUE / 4, true, "bench"));
        List<Command> cs = new ArrayList<>();
        for (int i = 0; i < per; i++) {
            // 100,000 yuan and KYC 3 score 600: the lowest line, 2,000 yuan.
            cs.add(new CreateUser(user(s, i), user(s, i) + 1, cny, i + 1, 0, 0, 0));
            cs.add(new CreateTransfer(Ids.compose(s, Ids.firstUserLocalId + 4L * per + i),
                    HouseAccount.bankFunding.id(s, Currency.CNY), user(s, i) + 1, 10_000_000, cny, 1, 0, 0, 0, 0, 0));
            cs.add(new SetKyc(user(s, i), 3));
            flush(l, t, cs, batch, i == per - 1);
        }
        for (int i = 0; i < per; i++) {
            cs.add(new OpenCreditLine(user(s, i), "bench", 1, false));
            flush(l, at(day, 9), cs, batch, i == per - 1);
        }
    }

    /** {@code count} trades created and paid by the buyers in turn, from trade number {@code first}. */
    private static void pay(ShardLedger l, int per, int count, int batch, LocalDate day, int first, int funding) {
        int s = l.shardId();
        long merchant = user(s, per);
        long settlement = Ids.compose(s, Ids.firstUserLocalId + 2L * per + 2);
        List<Command> cs = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            long tradeNo = Ids.compose(s, 1_000_000_000L + first + n);
            long buyer = user(s, n % per);
            cs.add(new CreateTrade(tradeNo, merchant, "o" + (first + n), buyer, price, cny, GoodsType.physical.code(),
                    payTimeoutSeconds, false, "bench"));
            cs.add(new PayTrade(tradeNo, merchant, "o" + (first + n), buyer, buyer + 1, price, cny,
                    GoodsType.physical.code(), PayTrade.deadlineOfOrderHere, settlement, 6_000, funding, false,
                    TradeKind.escrow.code(), 0, "bench", 0));
            flush(l, at(day, 10), cs, batch, n == count - 1);
        }
    }

    /** Every line's statement bills exactly its credit purchases: the bench checks its own result. */
    private static long check(List<ShardLedger> ledgers, int per, int paysPer) {
        long checked = 0;
        for (ShardLedger l : ledgers) {
            CreditModule credit = l.module(CreditModule.class);
            for (int i = 0; i < per; i++) {
                long bought = price * (paysPer / per + (i < paysPer % per ? 1 : 0));
                StatementView st = credit.statement(user(l.shardId(), i), 202702);
                long billed = st == null ? 0 : st.amount();
                if (billed != bought) {
                    throw new BenchFailure("line " + i + " of shard " + l.shardId() + " billed " + billed
                            + ", its purchases were " + bought);
                }
                checked++;
            }
        }
        return checked;
    }

    static long user(int shard, int i) {
        return Ids.compose(shard, Ids.firstUserLocalId + 2L * i);
    }

    private static void flush(ShardLedger l, long ts, List<Command> cs, int batch, boolean last) {
        if (cs.size() >= batch || last && !cs.isEmpty()) {
            Result[] rs = l.apply(ts, cs.toArray(new Command[0]));
            for (int i = 0; i < rs.length; i++) {
                if (rs[i] != Result.ok) {
                    throw new BenchFailure("shard " + l.shardId() + " refused " + cs.get(i).getClass().getSimpleName()
                            + ": " + rs[i].apiName());
                }
            }
            cs.clear();
        }
    }

    private static void apply(ShardLedger l, long ts, Command c) {
        flush(l, ts, new ArrayList<>(List.of(c)), 1, true);
    }
}
