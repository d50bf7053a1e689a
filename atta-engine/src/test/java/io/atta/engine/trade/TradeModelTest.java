package io.atta.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.Currency;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of the escrow and instant trades (docs/ARCHITECTURE.md §9): random batches from
 * {@link RandomTradeBatches} go to a real {@link ShardLedger} (every slot but one) and to the naive
 * {@link TradeModel}; after every batch the per-item results must agree, and so must every
 * trade's status, amounts, clock and refunds, every order's buyer and close, every wallet, every
 * receivable and the fee income; the escrow accounts must hold exactly what the trades hold
 * (pending) and nothing posted, and debits must equal credits in every ledger.
 *
 * <p>A failure names its seed; {@code mvn -pl atta-engine test -Dtest=TradeModelTest
 * -Datta.tradeSeed=<seed>} replays exactly that run. {@code -Datta.tradeSeeds} and
 * {@code -Datta.tradeBatches} make the run longer.
 */
class TradeModelTest {
    private static final long firstSeed = 0x7EAD_0000L;
    private static final int seeds = Integer.getInteger("atta.tradeSeeds", 24);
    private static final int batches = Integer.getInteger("atta.tradeBatches", 400);

    private final Map<Result, Integer> seen = new TreeMap<>(Comparator.comparing(Result::code));
    private int autoClosed;
    private int autoConfirmed;
    private int autoGranted;
    private int windowsEnded;
    private int commands;

    @TestFactory
    Stream<DynamicTest> realLedgerAgreesWithTheModel() {
        String fixed = System.getProperty("atta.tradeSeed");
        LongStream seedList = fixed != null && !fixed.isBlank() ? LongStream.of(Long.decode(fixed.trim()))
                : LongStream.range(firstSeed, firstSeed + seeds);
        Stream<DynamicTest> runs = seedList.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> run(seed, batches, (i, l) -> { })));
        DynamicTest variety = DynamicTest.dynamicTest("the runs reached the interesting outcomes", () -> {
            System.out.println("trade model test: " + commands + " commands; by time " + autoClosed + " orders closed, "
                    + autoConfirmed + " trades confirmed, " + autoGranted + " refunds granted, " + windowsEnded
                    + " refund windows ended; results " + seen);
            if (fixed == null) {
                Set<Result> wanted = Set.of(Result.ok, Result.exists, Result.exists_with_different_fields,
                        Result.amount_must_not_be_zero, Result.insufficient_funds, Result.currency_mismatch,
                        Result.debit_account_not_owned, Result.trade_not_found, Result.trade_buyer_mismatch,
                        Result.trade_closed, Result.trade_pay_timed_out, Result.trade_status_invalid,
                        Result.trade_party_invalid, Result.refund_exceeds_remaining, Result.refund_not_found,
                        Result.refund_in_progress, Result.refund_status_invalid, Result.confirm_extension_too_large,
                        Result.funding_source_unsupported, Result.refund_window_ended, Result.timeout_too_large);
                assertThat(seen.keySet()).as("results seen: %s", seen).containsAll(wanted);
                assertThat(autoClosed).as("orders closed by time").isGreaterThan(seeds);
                assertThat(autoConfirmed).as("trades confirmed by time").isGreaterThan(seeds);
                assertThat(autoGranted).as("refunds granted by time").isGreaterThan(seeds);
                assertThat(windowsEnded).as("refund windows ended by time").isGreaterThan(seeds);
            }
        });
        return Stream.concat(runs, Stream.of(variety));
    }

    /**
     * Runs one seed. {@code sabotage} may touch the real ledger behind the model's back before
     * batch i, which is how {@link #aDivergenceIsReportedWithItsSeed} checks this test can fail.
     */
    private void run(long seed, int batchCount, BiConsumer<Integer, ShardLedger> sabotage) {
        RandomTradeBatches gen = new RandomTradeBatches(seed);
        ShardLedger ledger = new ShardLedger(0, 0, slot -> slot != RandomTradeBatches.foreignSlot,
                new InMemoryTransferStore());
        TradeModel model = new TradeModel();
        RandomTradeBatches.Batch setup = gen.setup();
        assertThat(ledger.apply(setup.timestamp(), setup.commands())).as("setup").containsOnly(Result.ok);
        gen.teach(model);
        model.apply(setup.timestamp(), Arrays.stream(setup.commands())
                .filter(c -> c instanceof CreateTransfer).toArray(Command[]::new));
        model.last = ledger.lastTimestamp();
        int b = 0;
        RandomTradeBatches.Batch batch = null;
        try {
            for (b = 0; b < batchCount; b++) {
                batch = gen.next(model);
                sabotage.accept(b, ledger);
                Result[] expected = model.apply(batch.timestamp(), batch.commands());
                Result[] actual = ledger.apply(batch.timestamp(), batch.commands());
                for (Result r : actual) {
                    seen.merge(r, 1, Integer::sum);
                }
                commands += actual.length;
                assertThat(actual).as("per-item results (model first)").containsExactly(expected);
                TradeModelComparison.assertAgree(model, ledger);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("trade model test failed with seed " + seed + " at batch " + b
                    + "; replay with -Datta.tradeSeed=" + seed + "\n" + describe(batch) + "\n" + e.getMessage(), e);
        }
        autoClosed += model.autoClosed;
        autoConfirmed += model.autoConfirmed;
        autoGranted += model.autoGranted;
        windowsEnded += model.windowsEnded;
    }

    private static String describe(RandomTradeBatches.Batch batch) {
        if (batch == null) {
            return "(before the first batch)";
        }
        List<String> lines = new ArrayList<>();
        lines.add("batch at " + batch.timestamp() + ":");
        Command[] c = batch.commands();
        for (int i = 0; i < c.length; i++) {
            lines.add("  [" + i + "] " + c[i]);
        }
        return String.join("\n", lines);
    }

    @Test
    void aDivergenceIsReportedWithItsSeed() {
        long seed = 4_242;
        BiConsumer<Integer, ShardLedger> extraTopUp = (batch, ledger) -> {
            if (batch == 30) {
                long bank = HouseAccount.bankFunding.id(0, Currency.CNY);
                long wallet = RandomTradeBatches.walletOf(new RandomTradeBatches(seed).buyers[0]);
                ledger.apply(ledger.lastTimestamp() + 1, new Command[] {
                    new CreateTransfer(Long.MAX_VALUE, bank, wallet, 1, Currency.CNY.ledger(), 1, 0, 0, 0, 0, 0)});
            }
        };

        run(seed, 30, extraTopUp);
        assertThatThrownBy(() -> run(seed, 60, extraTopUp)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed " + seed).hasMessageContaining("-Datta.tradeSeed=" + seed)
                .hasMessageContaining("at batch 30");
    }

    @Test
    void theSameSeedDrawsTheSameBatches() {
        TradeModel a = new TradeModel();
        TradeModel b = new TradeModel();
        RandomTradeBatches ga = new RandomTradeBatches(77);
        RandomTradeBatches gb = new RandomTradeBatches(77);
        ga.teach(a);
        gb.teach(b);
        assertThat(gb.setup().commands()).containsExactly(ga.setup().commands());
        for (int i = 0; i < 100; i++) {
            RandomTradeBatches.Batch x = ga.next(a);
            RandomTradeBatches.Batch y = gb.next(b);
            assertThat(y.timestamp()).isEqualTo(x.timestamp());
            assertThat(y.commands()).containsExactly(x.commands());
            a.apply(x.timestamp(), x.commands());
            b.apply(y.timestamp(), y.commands());
        }
    }

    @Test
    void theModelsFeeRoundsHalfUpLikeTheRules() {
        for (long amount : new long[] {1, 83, 84, 10_000, 123_456_789, Long.MAX_VALUE / 1_000_000}) {
            for (int ppm : new int[] {0, 1, 6_000, 99_999, 100_000}) {
                assertThat(TradeMoney.fee(amount, ppm)).as("fee of %d at %d ppm", amount, ppm)
                        .isEqualTo(TradeModel.fee(amount, ppm));
            }
        }
        assertThat(TradeModel.fee(84, 6_000)).as("0.504 rounds up").isEqualTo(1);
        assertThat(TradeModel.fee(83, 6_000)).as("0.498 rounds down").isZero();
    }
}
