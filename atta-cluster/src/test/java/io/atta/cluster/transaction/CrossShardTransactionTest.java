package io.atta.cluster.transaction;

import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cross-shard transactions on a real three-shard node: transfers and chains that span shards,
 * refusals on a participant, repeats, and a crash at every step of the protocol after which a
 * restart finishes or undoes every transaction.
 */
class CrossShardTransactionTest {
    private static final int cny = Currency.CNY.ledger();
    private static final int shards = 3;

    @TempDir
    Path dir;

    /** One funded user per shard: wallet ids by shard. */
    private static long[] wallets(AttaNode node, long funding) throws Exception {
        long[] w = new long[shards];
        for (int s = 0; s < shards; s++) {
            int slot = node.homeSlotOf(s);
            long user = Ids.compose(slot, Ids.firstUserLocalId + 1);
            w[s] = Ids.compose(slot, Ids.firstUserLocalId + 2);
            long bank = HouseAccount.bankFunding.id(slot, Currency.CNY);
            assertThat(submit(node, s, new CreateUser(user, w[s], cny, 1, 2, 3, 4),
                    transfer(900 + s, bank, w[s], funding, 0)))
                    .containsExactly(Result.ok, Result.ok);
        }
        return w;
    }

    private static Result[] submit(AttaNode node, int shard, Command... commands) throws Exception {
        return node.submit(shard, commands).get(30, TimeUnit.SECONDS);
    }

    private static Result[] transact(AttaNode node, CreateTransfer... legs) throws Exception {
        return node.transact(legs).get(30, TimeUnit.SECONDS);
    }

    /** A transfer whose id is {@code n} in its debit account's slot, as every transfer id must be. */
    private static CreateTransfer transfer(long n, long debit, long credit, long amount, int flags) {
        return new CreateTransfer(Ids.compose(Ids.slotOf(debit), n), debit, credit, amount, cny, 1, flags, 0, 0, 0, 0);
    }

    private static long balance(AttaNode node, long account) throws Exception {
        AccountState a = node.read(node.shardOf(account), l -> l.account(account)).get(10, TimeUnit.SECONDS);
        return a.creditsPosted() - a.debitsPosted();
    }

    /**
     * What must hold once nothing is in flight: every shard balances, no transaction is open, no
     * in-transit account holds anything pending, and the in-transit positions cancel out.
     */
    private static void assertSettled(AttaNode node) throws Exception {
        long positions = 0;
        for (int s = 0; s < shards; s++) {
            long inTransitId = HouseAccount.inTransit.id(node.homeSlotOf(s), Currency.CNY);
            AccountState it = node.read(s, l -> l.account(inTransitId)).get(10, TimeUnit.SECONDS);
            assertThat(it.debitsPending()).as("shard %d in-transit debits pending", s).isZero();
            assertThat(it.creditsPending()).as("shard %d in-transit credits pending", s).isZero();
            positions += it.creditsPosted() - it.debitsPosted();
            Map<Integer, long[]> totals = node.read(s, l -> l.totalsByLedger()).get(10, TimeUnit.SECONDS);
            for (long[] t : totals.values()) {
                assertThat(t[0]).as("shard %d debits posted = credits posted", s).isEqualTo(t[1]);
                assertThat(t[2]).as("shard %d debits pending = credits pending", s).isEqualTo(t[3]);
            }
            assertThat(node.read(s, l -> l.activeTransactions().size() + l.preparedTransactions().size())
                    .get(10, TimeUnit.SECONDS)).as("shard %d open transactions", s).isZero();
        }
        assertThat(positions).as("in-transit positions across shards").isZero();
    }

    @Test
    void movesMoneyBetweenShardsAllOrNothing() throws Exception {
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards))) {
            long[] w = wallets(node, 1_000);
            assertThat(transact(node, transfer(1, w[0], w[1], 300, 0))).containsExactly(Result.ok);
            assertThat(balance(node, w[0])).isEqualTo(700);
            assertThat(balance(node, w[1])).isEqualTo(1_300);
            // A repeat moves nothing; the same id with other content is refused.
            assertThat(transact(node, transfer(1, w[0], w[1], 300, 0))).containsExactly(Result.exists);
            assertThat(transact(node, transfer(1, w[0], w[1], 301, 0)))
                    .containsExactly(Result.exists_with_different_fields);
            // Refused on the coordinator (its own piece): nothing recorded, the id stays free.
            assertThat(transact(node, transfer(2, w[0], w[2], 701, 0))).containsExactly(Result.insufficient_funds);
            assertThat(transact(node, transfer(2, w[0], w[2], 700, 0))).containsExactly(Result.ok);
            // Refused on a participant: the coordinator's prepared debit is voided.
            long missing = Ids.compose(node.homeSlotOf(1), Ids.firstUserLocalId + 99);
            assertThat(transact(node, transfer(3, w[1], missing, 5, 0))).containsExactly(Result.account_not_found);
            assertThat(transact(node, transfer(3, w[1], missing, 5, 0))).containsExactly(Result.account_not_found);
            assertThat(balance(node, w[1])).isEqualTo(1_300);
            assertThat(balance(node, w[2])).isEqualTo(1_700);
            assertSettled(node);
        }
    }

    @Test
    void aChainAcrossThreeShardsIsAtomic() throws Exception {
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards))) {
            long[] w = wallets(node, 100);
            // The last leg cannot be paid: the whole chain is undone on all three shards.
            assertThat(transact(node, transfer(10, w[0], w[1], 50, TransferFlags.linked),
                    transfer(11, w[1], w[2], 90, TransferFlags.linked), transfer(12, w[2], w[0], 500, 0)))
                    .containsExactly(Result.linked_event_failed, Result.linked_event_failed,
                            Result.insufficient_funds);
            assertThat(new long[] {balance(node, w[0]), balance(node, w[1]), balance(node, w[2])})
                    .containsExactly(100, 100, 100);
            // Unlike a chain on one shard, a leg cannot spend what an earlier leg of the same
            // chain pays in: that credit is only pending until the commit.
            assertThat(transact(node, transfer(13, w[0], w[1], 50, TransferFlags.linked),
                    transfer(14, w[1], w[2], 120, 0)))
                    .containsExactly(Result.linked_event_failed, Result.insufficient_funds);
            assertThat(transact(node, transfer(20, w[0], w[1], 50, TransferFlags.linked),
                    transfer(21, w[1], w[2], 90, TransferFlags.linked), transfer(22, w[2], w[0], 30, 0)))
                    .containsOnly(Result.ok);
            assertThat(new long[] {balance(node, w[0]), balance(node, w[1]), balance(node, w[2])})
                    .containsExactly(80, 60, 160);
            assertSettled(node);
        }
    }

    @Test
    void aPieceCannotBePostedOrVoidedByACaller() throws Exception {
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards))) {
            long[] w = wallets(node, 100);
            assertThat(transact(node, transfer(30, w[0], w[1], 10, 0))).containsExactly(Result.ok);
            long inTransit = HouseAccount.inTransit.id(node.homeSlotOf(0), Currency.CNY);
            assertThat(submit(node, 0, new CreateTransfer(31, w[0], inTransit, 0, cny, 1, TransferFlags.voidPending,
                    30, 0, 0, 0))).containsExactly(Result.pending_transfer_not_pending);
            // A local transfer may not reuse the id of a cross-shard one on either of its shards: on the
            // debit's shard the id is taken, on the credit's its slot is another shard's.
            long leg = Ids.compose(Ids.slotOf(w[0]), 30);
            assertThat(submit(node, 0, new CreateTransfer(leg, w[0], HouseAccount.bankFunding.id(node.homeSlotOf(0),
                    Currency.CNY), 1, cny, 1, 0, 0, 0, 0, 0))).containsExactly(Result.exists_with_different_fields);
            assertThat(submit(node, 1, new CreateTransfer(leg, w[1], HouseAccount.bankFunding.id(node.homeSlotOf(1),
                    Currency.CNY), 1, cny, 1, 0, 0, 0, 0, 0))).containsExactly(Result.transfer_id_not_in_shard_slot);
        }
    }

    /** Each step (with its ordinal), once for a transaction that commits and once for one that aborts. */
    private static Stream<Object[]> forBothOutcomes(Object[]... steps) {
        List<Object[]> points = new ArrayList<>();
        for (boolean commits : new boolean[] {true, false}) {
            for (Object[] step : steps) {
                points.add(new Object[] {step[0], step[1], commits});
            }
        }
        return points.stream();
    }

    static Stream<Object[]> crashPoints() {
        return forBothOutcomes(new Object[] {CrashPoints.Step.beforePrepare, 0},
                new Object[] {CrashPoints.Step.afterPrepare, 1}, new Object[] {CrashPoints.Step.afterPrepare, 2},
                new Object[] {CrashPoints.Step.beforeDecide, 0}, new Object[] {CrashPoints.Step.afterDecide, 0},
                new Object[] {CrashPoints.Step.afterAnswer, 0}, new Object[] {CrashPoints.Step.afterResolve, 1},
                new Object[] {CrashPoints.Step.afterResolve, 2}, new Object[] {CrashPoints.Step.beforeFinish, 0});
    }

    /**
     * The driver dies at one step of a chain over three shards (the coordinator and two
     * participants), for a chain every shard accepts and for one whose last participant refuses.
     * A crash from {@code afterAnswer} on comes after the caller's answer, which must be the
     * outcome. After a restart the recovery ends each: all legs applied or none, nothing left in
     * transit, and a retry of the request answers what happened.
     */
    @ParameterizedTest(name = "{0}:{1} commits={2}")
    @MethodSource("crashPoints")
    void aCrashAtAnyStepEndsAllOrNothingAfterRestart(CrashPoints.Step step, int ordinal, boolean commits)
            throws Exception {
        long[] w;
        CreateTransfer[] chain = new CreateTransfer[2];
        CrashPoints once = (s, k) -> s == step && k == ordinal;
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards), System::nanoTime, once)) {
            w = wallets(node, 100);
            long lastCredit = commits ? w[2] : Ids.compose(node.homeSlotOf(2), Ids.firstUserLocalId + 99);
            chain[0] = transfer(40, w[0], w[1], 10, TransferFlags.linked);
            chain[1] = transfer(41, w[0], lastCredit, 20, 0);
            if (step.compareTo(CrashPoints.Step.afterAnswer) >= 0) {
                assertThat(transact(node, chain)).as("answered before the crash").containsExactly(commits
                        ? new Result[] {Result.ok, Result.ok}
                        : new Result[] {Result.linked_event_failed, Result.account_not_found});
            } else {
                assertThatThrownBy(() -> transact(node, chain))
                        .hasRootCauseInstanceOf(TransactionCoordinator.Halted.class);
            }
        }
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards))) {
            awaitSettled(node);
            long[] after = {balance(node, w[0]), balance(node, w[1]), balance(node, w[2])};
            if (commits) {
                assertThat(after).containsExactly(70, 110, 120);
                assertThat(transact(node, chain)).containsExactly(Result.exists, Result.exists);
            } else {
                assertThat(after).containsExactly(100, 100, 100);
                assertThat(transact(node, chain)).containsExactly(Result.linked_event_failed,
                        Result.account_not_found);
            }
            assertSettled(node);
        }
    }

    static Stream<Object[]> soleParticipantCrashPoints() {
        return forBothOutcomes(new Object[] {CrashPoints.Step.beforePrepare, 0},
                new Object[] {CrashPoints.Step.afterPrepare, 1}, new Object[] {CrashPoints.Step.afterAnswer, 0},
                new Object[] {CrashPoints.Step.beforeDecide, 0}, new Object[] {CrashPoints.Step.afterDecide, 0});
    }

    /**
     * The same for a transfer between two shards, which its one participant decides: the caller
     * is answered after the participant's entry, and the coordinator records the decision (and
     * finishes) after the answer. A crash at any of these steps ends the same way after a restart.
     */
    @ParameterizedTest(name = "{0}:{1} commits={2}")
    @MethodSource("soleParticipantCrashPoints")
    void aCrashAtAnyStepOfATwoShardTransferEndsAllOrNothing(CrashPoints.Step step, int ordinal, boolean commits)
            throws Exception {
        long[] w;
        CreateTransfer leg;
        CrashPoints once = (s, k) -> s == step && k == ordinal;
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards), System::nanoTime, once)) {
            w = wallets(node, 100);
            leg = transfer(45, w[0], commits ? w[1] : Ids.compose(node.homeSlotOf(1), Ids.firstUserLocalId + 99), 30, 0);
            if (step.compareTo(CrashPoints.Step.afterPrepare) > 0) {
                assertThat(transact(node, leg)).as("answered before the crash")
                        .containsExactly(commits ? Result.ok : Result.account_not_found);
            } else {
                assertThatThrownBy(() -> transact(node, leg)).hasRootCauseInstanceOf(TransactionCoordinator.Halted.class);
            }
        }
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards))) {
            awaitSettled(node);
            assertThat(new long[] {balance(node, w[0]), balance(node, w[1])})
                    .containsExactly(commits ? new long[] {70, 130} : new long[] {100, 100});
            assertThat(transact(node, leg)).containsExactly(commits ? Result.exists : Result.account_not_found);
            assertSettled(node);
        }
    }

    /**
     * The caller is answered once the decision is durable, before the coordinator has recorded
     * its sole participant's decision; a consistent read through the node that answered waits
     * for that, so the payer reads its own debit posted (docs/API.md). Here the driver is held
     * right after the answer: the payee's credit is already posted, the payer's debit only
     * reserved, and a read begun then answers once the driver goes on, with the debit posted.
     */
    @Test
    void aReadThroughTheNodeThatAnsweredSeesTheTransferOnBothSides() throws Exception {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        CrashPoints holdAfterAnswer = (s, k) -> {
            if (s == CrashPoints.Step.afterAnswer && held.getCount() > 0) { // the first transaction only
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        };
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards), System::nanoTime, holdAfterAnswer)) {
            long[] w = wallets(node, 1_000);
            assertThat(transact(node, transfer(50, w[0], w[1], 300, 0))).containsExactly(Result.ok);
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

            AccountState payee = node.readStale(1, l -> l.account(w[1]));
            assertThat(payee.creditsPosted() - payee.debitsPosted()).as("payee, decided by its shard").isEqualTo(1_300);
            AccountState payerNow = node.readStale(0, l -> l.account(w[0]));
            assertThat(payerNow.debitsPending()).as("payer's debit reserved until the coordinator records it")
                    .isEqualTo(300);
            var payerRead = node.read(0, l -> l.account(w[0]));
            release.countDown();
            AccountState payer = payerRead.get(10, TimeUnit.SECONDS);
            assertThat(payer.debitsPending()).isZero();
            assertThat(payer.creditsPosted() - payer.debitsPosted()).isEqualTo(700);
            assertSettled(node);
        }
    }

    private static void awaitSettled(AttaNode node) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            int open = 0;
            for (int s = 0; s < shards; s++) {
                open += node.read(s, l -> l.activeTransactions().size()).get(10, TimeUnit.SECONDS);
            }
            if (open == 0 || System.nanoTime() > deadline) {
                return;
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
