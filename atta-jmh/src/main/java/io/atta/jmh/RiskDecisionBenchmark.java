package io.atta.jmh;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.ClientContext;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.risk.DefaultRiskRules;
import io.atta.core.risk.RiskDecision;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.risk.RiskModule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One risk decision with the default rule set (twelve rules, a scorecard of ten bands among them:
 * docs/RISK.md) on a shard whose 4096 users each have a history of payments from their devices:
 * the rules' cost inside the shard's apply, per decision (issue 17's goal: at most 2 µs median on
 * one core). Sampled, so the score's percentiles show the median. Each decision is checked
 * against the one made for the same payment in setup, so a broken rule set cannot post a fast score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RiskDecisionBenchmark {
    private static final int users = 4096;
    private static final int cny = Currency.CNY.ledger();
    private static final long secondNs = 1_000_000_000L;

    private CreateTransfer[] payments;
    private RiskDecision[] expected;
    private long[] payers;
    private RiskModule.Evaluator evaluator;
    private long now;
    private int next;

    private static long user(int i) {
        return Ids.compose(i % Ids.slotCount, Ids.firstUserLocalId + 2L * i);
    }

    @Setup
    public void setUp() {
        ShardLedger shard = ShardLedger.standalone(new InMemoryTransferStore());
        long ts = 1_700_000_000L * secondNs;
        List<Command> setup = new ArrayList<>();
        setup.add(DefaultRiskRules.of(1, false));
        for (int i = 0; i < users; i++) {
            setup.add(new CreateUser(user(i), user(i) + 1, cny, i + 1, 2, 3, 4));
            setup.add(new CreateTransfer(Ids.compose(0, Ids.firstUserLocalId + 10_000_000L + i),
                    HouseAccount.bankFunding.id(0, Currency.CNY), user(i) + 1, 100_000_000, cny, 1, 0, 0, 0, 0, 0));
        }
        apply(shard, ts, setup);
        SplittableRandom random = new SplittableRandom(17);
        int count = 64 * 1024;
        payments = new CreateTransfer[count];
        payers = new long[count];
        long id = 1;
        for (int k = 0; k < count; k++) {
            int from = random.nextInt(users);
            int to = random.nextInt(users);
            to = to == from ? (to + 1) % users : to;
            long amount = 1 + random.nextInt(random.nextInt(20) == 0 ? 800_000 : 20_000);
            ClientContext c = new ClientContext(user(from), 1 + random.nextInt(2), 0,
                    0xFFFF_0A00_0000L | random.nextInt(4) << 8 | from % 250);
            payers[k] = user(from);
            payments[k] = new CreateTransfer(Ids.compose(Ids.slotOf(user(from)), Ids.firstUserLocalId + 20_000_000L
                    + id++), user(from) + 1, user(to) + 1, amount, cny, 1, 0, 0, 0, 0, user(from), c);
        }
        // Half the payments become history (features: payees, devices, velocity), in batches of 1024, a second apart.
        for (int k = 0; k < count / 2; k += 1024) {
            ts += secondNs;
            apply(shard, ts, List.of(payments).subList(k, k + 1024));
        }
        now = ts + secondNs;
        RiskModule risk = shard.module(RiskModule.class);
        evaluator = risk.evaluator();
        expected = new RiskDecision[count];
        for (int k = 0; k < count; k++) {
            expected[k] = evaluator.decide(payments[k], payers[k], now);
        }
    }

    private static void apply(ShardLedger shard, long ts, List<? extends Command> commands) {
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(BatchCodec.encode(ts, commands)));
        for (Result r : shard.apply(b.timestamp(), b.commands())) {
            if (r == null) {
                throw new IllegalStateException("no result");
            }
        }
    }

    @Benchmark
    public RiskDecision decide() {
        int k = next;
        next = (k + 1) & (payments.length - 1);
        RiskDecision d = evaluator.decide(payments[k], payers[k], now);
        if (d != expected[k]) {
            throw new IllegalStateException("payment " + k + " decided " + d + ", not " + expected[k]);
        }
        return d;
    }
}
