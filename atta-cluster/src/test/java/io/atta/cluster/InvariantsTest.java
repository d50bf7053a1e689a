package io.atta.cluster;

import io.atta.cluster.InvariantsReport.CurrencyReport;
import io.atta.cluster.InvariantsReport.InTransit;
import io.atta.cluster.InvariantsReport.Unfinished;
import io.atta.cluster.transaction.CrashPoints;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ledger.HouseAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster-wide invariants report on a real three-shard node: healthy, mid-transaction, and broken. */
class InvariantsTest {
    private static final int cny = Currency.CNY.ledger();
    private static final int shards = 3;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_800_000_000_000_000_000L);

    private static Result[] submit(AttaNode node, int shard, Command... commands) throws Exception {
        return node.submit(shard, commands).get(30, TimeUnit.SECONDS);
    }

    /** One wallet per shard, each funded with {@code funding}. */
    private static long[] wallets(AttaNode node, long funding) throws Exception {
        long[] w = new long[shards];
        for (int s = 0; s < shards; s++) {
            int slot = node.homeSlotOf(s);
            w[s] = Ids.compose(slot, Ids.firstUserLocalId + 2);
            long user = Ids.compose(slot, Ids.firstUserLocalId + 1);
            assertThat(submit(node, s, new CreateUser(user, w[s], cny, 1, 2, 3, 4),
                    transfer(900 + s, HouseAccount.bankFunding.id(slot, Currency.CNY), w[s], funding, 0)))
                    .containsExactly(Result.ok, Result.ok);
        }
        return w;
    }

    /** A transfer whose id is {@code n} in its debit account's slot, as every transfer id must be. */
    private static CreateTransfer transfer(long n, long debit, long credit, long amount, int flags) {
        return new CreateTransfer(Ids.compose(Ids.slotOf(debit), n), debit, credit, amount, cny, 1, flags, 0, 0, 0, 0);
    }

    private InvariantsReport check(AttaNode node, long nowNanos) throws Exception {
        return Invariants.check(node, nowNanos).get(30, TimeUnit.SECONDS);
    }

    private static CurrencyReport cnyReport(InvariantsReport r) {
        return r.currencies().stream().filter(c -> c.currency() == Currency.CNY).findFirst().orElseThrow();
    }

    @Test
    void aHealthyNodeAfterCrossShardTransfersIsOkAndItsPositionsCancelOut() throws Exception {
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards), clock::get, CrashPoints.none())) {
            long[] w = wallets(node, 1_000);
            assertThat(node.transact(new CreateTransfer[] {transfer(1, w[0], w[1], 300, 0)}).get(30, TimeUnit.SECONDS))
                    .containsExactly(Result.ok);
            assertThat(node.transact(new CreateTransfer[] {transfer(2, w[2], w[0], 120, TransferFlags.linked),
                    transfer(3, w[2], w[1], 80, 0)}).get(30, TimeUnit.SECONDS)).containsOnly(Result.ok);

            InvariantsReport r = check(node, clock.get());

            assertThat(r.violations()).isEmpty();
            assertThat(r.ok()).isTrue();
            assertThat(r.consistentCut()).isTrue();
            assertThat(r.unfinished()).isEmpty();
            assertThat(r.currencies()).extracting(CurrencyReport::currency).containsExactly(Currency.values());
            CurrencyReport c = cnyReport(r);
            // Shard 0 paid 300 out and got 120 in; shard 1 got 380; shard 2 paid 200.
            assertThat(c.inTransit()).extracting(InTransit::shard, InTransit::position).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(0, 180L), org.assertj.core.groups.Tuple.tuple(1, -380L),
                    org.assertj.core.groups.Tuple.tuple(2, 200L));
            assertThat(c.positionSum()).isZero();
            assertThat(c.total().debitsPosted()).isEqualTo(c.total().creditsPosted()).isPositive();
            assertThat(c.shards()).hasSize(shards).allSatisfy(s -> assertThat(s.sums().balanced()).isTrue());
        }
    }

    @Test
    void aTransactionStoppedAfterItsDecisionIsReportedUnfinishedAndStaleAfterAMinute() throws Exception {
        CrashPoints afterDecide = (step, k) -> step == CrashPoints.Step.afterDecide;
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards), clock::get, afterDecide)) {
            long[] w = wallets(node, 1_000);
            // A chain over three shards: its coordinator decides (a transfer between two shards is
            // decided by its one participant, and its coordinator records that off the caller's path).
            assertThatThrownBy(() -> node.transact(new CreateTransfer[] {transfer(7, w[0], w[2], 50,
                    TransferFlags.linked), transfer(8, w[0], w[1], 10, 0)}).get(30, TimeUnit.SECONDS))
                    .hasRootCauseMessage("the transaction driver was stopped at a crash point");
            long began = node.read(0, l -> l.activeTransactions().get(0).beganAt()).get(10, TimeUnit.SECONDS);

            InvariantsReport r = check(node, began + 1_000_000_000L);

            assertThat(r.ok()).as(r.violations().toString()).isTrue();
            assertThat(r.unfinished()).containsExactlyInAnyOrder(
                    new Unfinished(0, 7, "coordinator", "committed", 0, 1_000, false),
                    new Unfinished(1, 7, "participant", "prepared", 0, r.unfinished().stream()
                            .filter(u -> u.shard() == 1).findFirst().orElseThrow().ageMs(), false),
                    new Unfinished(2, 7, "participant", "prepared", 0, r.unfinished().stream()
                            .filter(u -> u.shard() == 2).findFirst().orElseThrow().ageMs(), false));
            // The coordinator posted its pieces at the decision; the participants' are still pending.
            CurrencyReport c = cnyReport(r);
            assertThat(c.inTransit().get(0).position()).isEqualTo(60);
            assertThat(c.inTransit().get(1).debitsPending()).isEqualTo(10);
            assertThat(c.inTransit().get(2).debitsPending()).isEqualTo(50);
            assertThat(c.positionSum()).isEqualTo(60);

            InvariantsReport later = check(node, began + (Invariants.staleAfterMs + 1_000) * 1_000_000L);
            assertThat(later.unfinished()).allSatisfy(u -> assertThat(u.stale()).isTrue());
        }
    }

    @Test
    void moneyInAnInTransitAccountOutsideATransactionIsAViolation() throws Exception {
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards), clock::get, CrashPoints.none())) {
            long[] w = wallets(node, 1_000);
            long inTransit = HouseAccount.inTransit.id(node.homeSlotOf(1), Currency.CNY);
            assertThat(submit(node, 1, transfer(20, w[1], inTransit, 40, 0), transfer(21, w[1], inTransit, 6,
                    TransferFlags.pending))).containsExactly(Result.ok, Result.ok);

            InvariantsReport r = check(node, clock.get());

            assertThat(r.ok()).isFalse();
            assertThat(r.violations()).containsExactly(
                    "shard 1 CNY: the in-transit account holds 0.00 debits and 0.06 credits pending with no"
                            + " unfinished transaction",
                    "CNY: the in-transit positions sum to 0.40, not 0, with no unfinished transaction");
        }
    }
}
