package io.atta.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.command.Adjust;
import io.atta.core.command.Command;
import io.atta.core.command.Deposit;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test (docs/ARCHITECTURE.md §9): random batches from {@link RandomBatches} go to the
 * real {@link ShardLedger} and to the naive {@link ReferenceLedger}; after every batch the
 * per-item results, every account, every user, the transfer records the batch wrote, the open
 * pending transfers and the clock must agree, and every ledger must balance.
 *
 * <p>A failure names its seed; {@code mvn -pl atta-engine test -Dtest=ShardLedgerModelTest
 * -Datta.seed=<seed>} replays exactly that run. {@code -Datta.seeds} and {@code -Datta.batches}
 * make the run longer.
 */
class ShardLedgerModelTest {
    private static final long firstSeed = 0x5EED_0000L;
    private static final int seeds = Integer.getInteger("atta.seeds", 100);
    private static final int batches = Integer.getInteger("atta.batches", 300);

    private final Map<Result, Integer> seen = new TreeMap<>(Comparator.comparing(Result::code));
    private int linkedOk;
    private int commands;

    @TestFactory
    Stream<DynamicTest> realLedgerAgreesWithTheModel() {
        String fixed = System.getProperty("atta.seed");
        LongStream seedList = fixed != null && !fixed.isBlank()
                ? LongStream.of(Long.decode(fixed.trim()))
                : LongStream.range(firstSeed, firstSeed + seeds);
        Stream<DynamicTest> runs = seedList.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> run(seed, batches, (i, l) -> { })));
        DynamicTest variety = DynamicTest.dynamicTest("the runs reached the interesting outcomes", () -> {
            System.out.println("model test: " + commands + " commands, " + linkedOk + " linked ok, results " + seen);
            if (fixed == null) {
                Set<Result> wanted = Set.of(Result.ok, Result.exists, Result.exists_with_different_fields,
                        Result.insufficient_funds, Result.exceeds_debits, Result.overflow, Result.currency_mismatch,
                        Result.account_closed, Result.pending_expired, Result.pending_already_posted,
                        Result.pending_already_voided, Result.exceeds_pending_amount, Result.linked_event_failed,
                        Result.linked_event_chain_open, Result.accounts_on_different_shards,
                        Result.debit_account_not_owned, Result.pending_account_mismatch, Result.user_exists,
                        Result.channel_not_found, Result.withdrawal_not_found, Result.withdrawal_not_pending);
                assertThat(seen.keySet()).as("results seen: %s", seen).containsAll(wanted);
                assertThat(linkedOk).as("transfers of chains that succeeded").isGreaterThan(seeds * 10);
            }
        });
        return Stream.concat(runs, Stream.of(variety));
    }

    /**
     * Runs one seed. {@code sabotage} may touch the real ledger behind the model's back before
     * batch i, which is how {@link #aDivergenceIsReportedWithItsSeed} checks this test can fail.
     */
    private void run(long seed, int batchCount, BiConsumer<Integer, ShardLedger> sabotage) {
        RandomBatches gen = new RandomBatches(seed);
        InMemoryTransferStore store = new InMemoryTransferStore();
        ShardLedger ledger = new ShardLedger(gen.shardId, gen.homeSlot, gen::ownsSlot, store);
        ReferenceLedger model = new ReferenceLedger(gen.homeSlot, gen::ownsSlot);
        int b = 0;
        RandomBatches.Batch batch = null;
        try {
            for (b = 0; b < batchCount; b++) {
                batch = gen.next(model);
                sabotage.accept(b, ledger);
                Result[] expected = model.apply(batch.timestamp(), batch.commands());
                Result[] actual = ledger.apply(batch.timestamp(), batch.commands());
                for (int i = 0; i < actual.length; i++) {
                    seen.merge(actual[i], 1, Integer::sum);
                    if (actual[i] == Result.ok && batch.commands()[i] instanceof CreateTransfer t
                            && (t.flags() & io.atta.core.TransferFlags.linked) != 0) {
                        linkedOk++;
                    }
                }
                commands += actual.length;
                compare(batch, expected, actual, model, ledger, store);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("model test failed with seed " + seed + " at batch " + b
                    + "; replay with -Datta.seed=" + seed + "\n" + describe(batch) + "\n" + e.getMessage(), e);
        }
    }

    private static void compare(RandomBatches.Batch batch, Result[] expected, Result[] actual, ReferenceLedger model,
            ShardLedger ledger, InMemoryTransferStore store) {
        assertThat(actual).as("per-item results (model first)").containsExactly(expected);
        assertThat(ledger.lastTimestamp()).as("last timestamp").isEqualTo(model.last);

        Map<Long, AccountState> real = new TreeMap<>();
        ledger.accounts().forEach(a -> real.put(a.id(), a));
        Map<Long, AccountState> naive = new TreeMap<>();
        model.accounts.values().forEach(a -> naive.put(a.id(), a.state()));
        assertThat(real).as("accounts").isEqualTo(naive);

        assertThat(ledger.userCount()).as("users").isEqualTo(model.users.size());
        model.users.forEach((id, p) -> {
            User u = ledger.user(id);
            assertThat(u).as("user %d", id).isNotNull();
            assertThat(u.walletAccountId()).as("wallet of %d", id).isEqualTo(p.wallet());
            assertThat(u.timestamp()).as("creation time of %d", id).isEqualTo(p.timestamp());
        });

        assertThat(store.size()).as("transfer records").isEqualTo(model.transfers.size());
        for (long id : model.touched) {
            assertThat(store.get(id)).as("record %d", id).isEqualTo(model.transfers.get(id).record());
        }
        for (Command c : batch.commands()) {
            if (c instanceof CreateTransfer t && !model.transfers.containsKey(t.id())) {
                assertThat(store.get(t.id())).as("record of refused %d", t.id()).isNull();
            }
        }
        compareChannels(batch, model.channels, ledger);

        long open = model.transfers.values().stream().filter(x -> x.status() == PendingStatus.pending).count();
        assertThat(ledger.openPendingCount()).as("open pending transfers").isEqualTo(open);
        for (long id : model.touched) {
            boolean isOpen = model.transfers.get(id).status() == PendingStatus.pending;
            assertThat(ledger.openPendingTransfer(id) != null).as("pending %d open", id).isEqualTo(isOpen);
        }

        Map<Integer, BigInteger[]> exact = model.exactTotals();
        Map<Integer, long[]> totals = ledger.totalsByLedger();
        assertThat(totals.keySet()).as("ledgers").isEqualTo(exact.keySet());
        exact.forEach((ledgerId, t) -> {
            assertThat(t[0]).as("ledger %d: debits posted == credits posted", ledgerId).isEqualTo(t[1]);
            assertThat(t[2]).as("ledger %d: debits pending == credits pending", ledgerId).isEqualTo(t[3]);
            long[] r = totals.get(ledgerId);
            assertThat(r).as("ledger %d totals (mod 2^64)", ledgerId).containsExactly(t[0].longValue(),
                    t[1].longValue(), t[2].longValue(), t[3].longValue());
        });
    }

    /** Channels, deposits, withdrawals (their status included) and adjustments, as the model has them. */
    private static void compareChannels(RandomBatches.Batch batch, ReferenceChannels model, ShardLedger ledger) {
        assertThat(ledger.channels().channels()).as("channels")
                .containsExactlyInAnyOrderElementsOf(model.channels.values());
        model.deposits.forEach((id, d) -> assertThat(ledger.channels().deposit(id)).as("deposit %d", id).isEqualTo(d));
        model.withdrawals.forEach((id, w) -> assertThat(ledger.channels().withdrawal(id)).as("withdrawal %d", id)
                .isEqualTo(w));
        model.adjustments.forEach((id, a) -> assertThat(ledger.adjustment(id)).as("adjustment %d", id).isEqualTo(a));
        for (Command c : batch.commands()) {
            if (c instanceof Deposit d && !model.deposits.containsKey(d.transferId())) {
                assertThat(ledger.channels().deposit(d.transferId())).as("refused deposit").isNull();
            } else if (c instanceof RequestWithdrawal w && !model.withdrawals.containsKey(w.withdrawalId())) {
                assertThat(ledger.channels().withdrawal(w.withdrawalId())).as("refused withdrawal").isNull();
            } else if (c instanceof Adjust a && !model.adjustments.containsKey(a.transferId())) {
                assertThat(ledger.adjustment(a.transferId())).as("refused adjustment").isNull();
            }
        }
    }

    private static String describe(RandomBatches.Batch batch) {
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
        long seed = 12_345;
        BiConsumer<Integer, ShardLedger> extraTopUp = (batch, ledger) -> {
            if (batch == 20) {
                long bank = HouseAccount.bankFunding.id(ledger.homeSlot(), io.atta.core.Currency.CNY);
                long wallet = ledger.accounts().stream().filter(a -> a.ownerUserId() != 0).findFirst()
                        .orElseThrow().id();
                ledger.apply(ledger.lastTimestamp() + 1, new Command[] {
                    new CreateTransfer(Long.MAX_VALUE, bank, wallet, 1, ledger.account(wallet).ledger(), 1, 0, 0, 0, 0,
                            0)});
            }
        };

        run(seed, 20, extraTopUp);
        assertThatThrownBy(() -> run(seed, 40, extraTopUp)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed " + seed).hasMessageContaining("-Datta.seed=" + seed)
                .hasMessageContaining("at batch 20");
    }

    @Test
    void theSameSeedDrawsTheSameBatches() {
        ReferenceLedger a = new ReferenceLedger(0, s -> true);
        ReferenceLedger b = new ReferenceLedger(0, s -> true);
        RandomBatches ga = new RandomBatches(77);
        RandomBatches gb = new RandomBatches(77);
        for (int i = 0; i < 50; i++) {
            RandomBatches.Batch x = ga.next(a);
            RandomBatches.Batch y = gb.next(b);
            assertThat(y.timestamp()).isEqualTo(x.timestamp());
            assertThat(y.commands()).containsExactly(x.commands());
            a.apply(x.timestamp(), x.commands());
            b.apply(y.timestamp(), y.commands());
        }
    }
}
