package io.atta.cluster.transaction;

import io.atta.cluster.AttaNode;
import io.atta.cluster.Invariants;
import io.atta.cluster.InvariantsReport;
import io.atta.cluster.NodeOptions;
import io.atta.cluster.transaction.SettlementSweeper.Outcome;
import io.atta.cluster.transaction.SettlementSweeper.Sweep;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.TransferRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settlement sweeps on a real three-shard node whose clock the test holds still: shards 1 and 2
 * move their house balances to the global accounts on shard 0, once per interval.
 */
class SettlementSweepTest {
    private static final Currency cny = Currency.CNY;
    private static final Currency usd = Currency.USD;
    private static final int shards = 3;
    private static final int intervalSecs = 3_600;
    private static final long intervalNanos = intervalSecs * 1_000_000_000L;

    @TempDir
    Path dir;

    /** The leader's clock, a minute into an interval; it moves only when the test moves it. */
    private final AtomicLong clock = new AtomicLong();
    private long transferIds = 1_000;

    @BeforeEach
    void holdTheClock() {
        long interval = Math.floorDiv(System.currentTimeMillis() * 1_000_000L, intervalNanos);
        clock.set(interval * intervalNanos + 60_000_000_000L);
    }

    private AttaNode start() throws Exception {
        AttaNode node = AttaNode.start(NodeOptions.of(dir, shards).withSettlementIntervalSecs(intervalSecs), clock::get,
                CrashPoints.none());
        // The node sweeps at start (nothing yet); wait for it so the test's own sweeps come after.
        node.settlement().sweepDue().get(30, TimeUnit.SECONDS);
        return node;
    }

    private static Result[] submit(AttaNode node, int shard, Command... commands) throws Exception {
        return node.submit(shard, commands).get(30, TimeUnit.SECONDS);
    }

    /** A user on {@code shard} with a wallet in {@code currency} funded from the shard's bank funding. */
    private long fundedWallet(AttaNode node, int shard, int n, Currency currency, long amount) throws Exception {
        int slot = node.homeSlotOf(shard);
        long user = Ids.compose(slot, Ids.firstUserLocalId + 2L * n);
        long wallet = Ids.compose(slot, Ids.firstUserLocalId + 2L * n + 1);
        assertThat(submit(node, shard, new CreateUser(user, wallet, currency.ledger(), 1, 2, 3, 4),
                transfer(HouseAccount.bankFunding.id(slot, currency), wallet, amount, currency)))
                .containsExactly(Result.ok, Result.ok);
        return wallet;
    }

    private CreateTransfer transfer(long debit, long credit, long amount, Currency currency) {
        return new CreateTransfer(Ids.compose(Ids.slotOf(debit), ++transferIds), debit, credit, amount,
                currency.ledger(), 1, 0, 0, 0, 0, 0);
    }

    /** Pays a fee from a wallet into its shard's fee account. */
    private void payFee(AttaNode node, long wallet, long amount, Currency currency) throws Exception {
        int shard = node.shardOf(wallet);
        assertThat(submit(node, shard, transfer(wallet, HouseAccount.fees.id(node.homeSlotOf(shard), currency), amount,
                currency))).containsExactly(Result.ok);
    }

    private static AccountState account(AttaNode node, long id) throws Exception {
        return node.read(node.shardOf(id), l -> l.account(id)).get(10, TimeUnit.SECONDS);
    }

    private static long balance(AttaNode node, long id) throws Exception {
        return account(node, id).balance();
    }

    private static long local(AttaNode node, HouseAccount kind, int shard, Currency c) throws Exception {
        return balance(node, kind.id(node.homeSlotOf(shard), c));
    }

    private static long global(AttaNode node, HouseAccount kind, Currency c) throws Exception {
        return balance(node, kind.globalId(c));
    }

    /** Every shard balances, nothing is in flight, and the in-transit positions cancel out. */
    private static void assertSettled(AttaNode node) throws Exception {
        InvariantsReport report = Invariants.check(node, System.nanoTime()).get(30, TimeUnit.SECONDS);
        assertThat(report.violations()).isEmpty();
        assertThat(report.consistentCut()).isTrue();
        assertThat(report.unfinished()).isEmpty();
        for (InvariantsReport.CurrencyReport c : report.currencies()) {
            assertThat(c.positionSum()).as("%s in-transit positions", c.currency()).isZero();
            for (InvariantsReport.InTransit t : c.inTransit()) {
                assertThat(t.debitsPending() + t.creditsPending()).as("shard %d %s in-transit pending", t.shard(),
                        c.currency()).isZero();
            }
            for (InvariantsReport.ShardSums s : c.shards()) {
                assertThat(s.sums().debitsPosted()).as("shard %d %s", s.shard(), c.currency())
                        .isEqualTo(s.sums().creditsPosted());
            }
        }
    }

    @Test
    void sweepsEachShardsHouseBalancesToTheGlobalAccountsOncePerInterval() throws Exception {
        long[] w = new long[shards];
        long usdWallet;
        try (AttaNode node = start()) {
            for (int s = 0; s < shards; s++) {
                w[s] = fundedWallet(node, s, s, cny, 1_000);
            }
            usdWallet = fundedWallet(node, 1, 10, usd, 500);
            payFee(node, w[1], 30, cny);
            payFee(node, w[2], 50, cny);
            payFee(node, usdWallet, 7, usd);

            List<Sweep> first = node.settlement().sweepNow().get(30, TimeUnit.SECONDS);

            // Shard 1: fees CNY and USD out, bank funding CNY and USD in; shard 2: fees and bank funding CNY.
            assertThat(first).extracting(Sweep::shard, Sweep::outcome, Sweep::legs)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0, Outcome.nothingToSweep, 0),
                            org.assertj.core.groups.Tuple.tuple(1, Outcome.swept, 4),
                            org.assertj.core.groups.Tuple.tuple(2, Outcome.swept, 2));
            for (int s = 1; s < shards; s++) {
                for (HouseAccount kind : List.of(HouseAccount.fees, HouseAccount.bankFunding)) {
                    assertThat(local(node, kind, s, cny)).as("shard %d %s", s, kind).isZero();
                    assertThat(local(node, kind, s, usd)).as("shard %d %s USD", s, kind).isZero();
                }
            }
            assertThat(global(node, HouseAccount.fees, cny)).isEqualTo(80);
            assertThat(global(node, HouseAccount.fees, usd)).isEqualTo(7);
            // Shard 0 holds the global accounts and is not swept: its own bank funding stays.
            assertThat(global(node, HouseAccount.bankFunding, cny)).isEqualTo(-2_000);
            assertThat(local(node, HouseAccount.bankFunding, 0, cny)).isEqualTo(-1_000);
            assertThat(new long[] {balance(node, w[0]), balance(node, w[1]), balance(node, w[2]),
                    balance(node, usdWallet)}).containsExactly(1_000, 970, 950, 493);
            // The coordinator is the swept shard: the first leg pays out of it, with the sweep's code.
            Sweep one = first.stream().filter(x -> x.shard() == 1).findFirst().orElseThrow();
            TransferRecord leg = node.history(1).transfer(one.txId()).orElseThrow();
            assertThat(leg.code()).isEqualTo(SettlementSweeper.transferCode);
            assertThat(node.shardOf(leg.requestedDebit())).isEqualTo(1);
            assertThat(one.txId())
                    .isEqualTo(SettlementSweeper.transferId(leg.requestedDebit(), "sweep:1:" + one.interval()));
            assertThat(Ids.isPlatformId(one.txId())).as("a platform id").isTrue();
            assertThat(Ids.slotOf(one.txId())).as("in the swept shard's home slot").isEqualTo(node.homeSlotOf(1));
            assertSettled(node);

            // Again in the same interval: the balances are at zero, nothing moves.
            assertThat(node.settlement().sweepNow().get(30, TimeUnit.SECONDS)).extracting(Sweep::outcome)
                    .containsOnly(Outcome.nothingToSweep);
            assertThat(global(node, HouseAccount.fees, cny)).isEqualTo(80);

            payFee(node, w[1], 5, cny);
        }
        // A restart within the interval sweeps at start, as the same transaction: refused as a repeat.
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards).withSettlementIntervalSecs(intervalSecs),
                clock::get, CrashPoints.none())) {
            List<Sweep> repeat = node.settlement().sweep(1).thenApply(List::of).get(30, TimeUnit.SECONDS);
            assertThat(repeat).extracting(Sweep::outcome).containsExactly(Outcome.alreadySwept);
            assertThat(repeat.get(0).reason()).isEqualTo(Result.exists_with_different_fields);
            assertThat(local(node, HouseAccount.fees, 1, cny)).isEqualTo(5);
            assertThat(global(node, HouseAccount.fees, cny)).isEqualTo(80);

            // The next interval sweeps what came in since.
            clock.addAndGet(intervalNanos);
            node.settlement().sweepDue().get(30, TimeUnit.SECONDS);
            awaitBalance(node, HouseAccount.fees.globalId(cny), 85);
            assertThat(local(node, HouseAccount.fees, 1, cny)).isZero();
            assertThat(balance(node, w[1])).isEqualTo(965);
            assertSettled(node);
        }
    }

    @Test
    void aDebitBalanceIsMadeGoodFromTheGlobalAccount() throws Exception {
        try (AttaNode node = start()) {
            long wallet = fundedWallet(node, 2, 1, cny, 500);
            long fees = HouseAccount.fees.id(node.homeSlotOf(2), cny);
            // A refunded fee leaves the shard's fee account in debit.
            assertThat(submit(node, 2, transfer(fees, wallet, 20, cny))).containsExactly(Result.ok);

            Sweep sweep = node.settlement().sweep(2).get(30, TimeUnit.SECONDS);

            assertThat(sweep.outcome()).isEqualTo(Outcome.swept);
            assertThat(sweep.legs()).isEqualTo(2);
            assertThat(local(node, HouseAccount.fees, 2, cny)).isZero();
            assertThat(local(node, HouseAccount.bankFunding, 2, cny)).isZero();
            assertThat(global(node, HouseAccount.fees, cny)).isEqualTo(-20);
            assertThat(global(node, HouseAccount.bankFunding, cny)).isEqualTo(-500);
            assertThat(balance(node, wallet)).isEqualTo(520);
            // Nothing was paid out of shard 2, so the global shard coordinated.
            TransferRecord leg = node.history(0).transfer(sweep.txId()).orElseThrow();
            assertThat(node.shardOf(leg.requestedDebit())).isZero();
            assertSettled(node);
        }
    }

    @Test
    void theGlobalShardsHouseBalancesStayAndAnIntervalOfZeroTurnsSweepsOff() throws Exception {
        try (AttaNode node = start()) {
            long wallet = fundedWallet(node, 0, 1, Currency.CNY, 500);
            payFee(node, wallet, 20, Currency.CNY);

            Sweep sweep = node.settlement().sweep(0).get(30, TimeUnit.SECONDS);

            assertThat(sweep.outcome()).isEqualTo(Outcome.nothingToSweep);
            assertThat(local(node, HouseAccount.fees, 0, Currency.CNY)).isEqualTo(20);
        }
        try (AttaNode node = AttaNode.start(NodeOptions.of(dir, shards))) {
            assertThatThrownBy(node::settlement).hasMessageContaining("settlementIntervalSecs = 0");
        }
        assertThatThrownBy(() -> NodeOptions.of(dir, 1).withSettlementIntervalSecs(-1))
                .hasMessageContaining("settlementIntervalSecs must be between 0 (off) and 86400");
        assertThatThrownBy(() -> NodeOptions.of(dir, 1).withSettlementIntervalSecs(86_401))
                .hasMessageContaining("maxSettlementIntervalSecs");
    }

    private static void awaitBalance(AttaNode node, long account, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (balance(node, account) != expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(balance(node, account)).isEqualTo(expected);
    }
}
