package io.atta.engine.ledger;

import static io.atta.engine.ledger.LedgerWorld.aliceWallet;
import static io.atta.engine.ledger.LedgerWorld.alicePlain;
import static io.atta.engine.ledger.LedgerWorld.bank;
import static io.atta.engine.ledger.LedgerWorld.bobCapped;
import static io.atta.engine.ledger.LedgerWorld.bobWallet;
import static io.atta.engine.ledger.LedgerWorld.pendingOpen;
import static io.atta.engine.ledger.TransferBuilder.pending;
import static io.atta.engine.ledger.TransferBuilder.post;
import static io.atta.engine.ledger.TransferBuilder.transfer;
import static io.atta.engine.ledger.TransferBuilder.voidPending;
import static io.atta.core.command.Result.exists;
import static io.atta.core.command.Result.insufficient_funds;
import static io.atta.core.command.Result.linked_event_failed;
import static io.atta.core.command.Result.ok;
import static io.atta.core.command.Result.pending_expired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour that takes several batches to show. */
class ShardLedgerScenarioTest {
    private static final long second = 1_000_000_000L;

    @Test
    void balanceEventsAreKeptOnlyForAccountsWithTheHistoryFlag() {
        LedgerWorld w = LedgerWorld.build();
        int events = w.store.events().size();
        // The wallet keeps history, the plain account (flags 0) does not.
        assertThat(w.apply(transfer(3101, aliceWallet, alicePlain, 5).build(),
                pending(3102, alicePlain, aliceWallet, 2, 0).build(),
                post(3103, 3102, 0).build())).containsExactly(ok, ok, ok);
        List<BalanceEvent> added = w.store.events().subList(events, w.store.events().size());
        assertThat(added).extracting(BalanceEvent::accountId).containsOnly(aliceWallet);
        assertThat(added).extracting(BalanceEvent::transferId).containsExactly(3101L, 3102L, 3103L);
        // Every transfer is still recorded, whoever keeps history.
        assertThat(w.store.get(3101).creditAccountId()).isEqualTo(alicePlain);
        assertThat(w.store.get(3102).status()).isEqualTo(PendingStatus.posted);
    }

    @Test
    void aRolledBackChainLeavesNoTraceAndItsIdsCanBeUsedAgain() {
        LedgerWorld w = LedgerWorld.build();
        Map<Long, AccountState> before = w.accountsById();
        long hashBefore = w.ledger.stateHash();
        int records = w.store.size();
        int events = w.store.events().size();

        Result[] results = w.apply(pending(3001, aliceWallet, bobWallet, 40, 30).linked().build(),
                post(3002, 3001, 10).linked().build(),
                voidPending(3003, pendingOpen).linked().build(),
                transfer(3004, bank, alicePlain, 70).linked().build(),
                transfer(3005, aliceWallet, bobWallet, 1_000_000).build());

        assertThat(results).containsExactly(linked_event_failed, linked_event_failed, linked_event_failed,
                linked_event_failed, insufficient_funds);
        assertThat(w.accountsById()).isEqualTo(before);
        assertThat(w.store.size()).isEqualTo(records);
        assertThat(w.store.events()).hasSize(events);
        for (long id = 3001; id <= 3005; id++) {
            assertThat(w.store.get(id)).as("record %d", id).isNull();
        }
        assertThat(w.ledger.openPendingTransfer(3001)).isNull();
        assertThat(w.ledger.openPendingTransfer(pendingOpen)).isNotNull();
        assertThat(w.store.get(pendingOpen).status()).isEqualTo(PendingStatus.pending);
        // Only the clock moved: the same state with a later last timestamp hashes differently.
        assertThat(w.ledger.stateHash()).isNotEqualTo(hashBefore);

        Result[] retry = w.apply(pending(3001, aliceWallet, bobWallet, 40, 30).build(),
                post(3002, 3001, 10).build(), voidPending(3003, pendingOpen).build(),
                transfer(3004, bank, alicePlain, 70).build());

        assertThat(retry).containsExactly(ok, ok, ok, ok);
        assertThat(w.account(aliceWallet).debitsPending()).isEqualTo(1_500 - 1_000);
        assertThat(w.account(aliceWallet).debitsPosted()).isEqualTo(100 + 10);
        assertThat(w.account(alicePlain).creditsPosted()).isEqualTo(70);
        w.assertBalanced();
    }

    @Test
    void aRolledBackChainDoesNotLeaveItsPendingToExpireLater() {
        LedgerWorld w = LedgerWorld.build();
        Result[] results = w.apply(pending(3001, aliceWallet, bobWallet, 40, 1).linked().build(),
                transfer(3002, aliceWallet, bobWallet, 0).build());
        assertThat(results).containsExactly(linked_event_failed, Result.amount_must_not_be_zero);
        Map<Long, AccountState> before = w.accountsById();

        w.advanceSeconds(5);
        assertThat(w.apply(Tick.instance)).containsExactly(ok);

        assertThat(w.accountsById()).isEqualTo(before);
        assertThat(w.store.get(3001)).isNull();
    }

    @Test
    void eventTimestampsAreTheHeaderOrTheLastPlusOneThenConsecutive() {
        InMemoryTransferStore store = new InMemoryTransferStore();
        ShardLedger l = ShardLedger.standalone(store);
        long user = Ids.compose(0, Ids.firstUserLocalId);
        long wallet = Ids.compose(0, Ids.firstUserLocalId + 1);
        long bank = HouseAccount.bankFunding.id(0, Currency.CNY);
        long h = 5_000 * second;

        assertThat(l.apply(h, new Command[] {new CreateUser(user, wallet, Currency.CNY.ledger(), 0, 0, 0, 0),
                transfer(1, bank, wallet, 10).build(), transfer(2, bank, wallet, 10).build()}))
                .containsOnly(ok);
        assertThat(l.account(wallet).timestamp()).isEqualTo(h);
        assertThat(store.get(1).timestamp()).isEqualTo(h + 1);
        assertThat(store.get(2).timestamp()).isEqualTo(h + 2);
        assertThat(l.lastTimestamp()).isEqualTo(h + 2);

        // A leader whose clock stepped back: time still moves forward.
        l.apply(h - 7 * second, new Command[] {transfer(3, bank, wallet, 1).build(), transfer(4, bank, wallet, 1).build()});
        assertThat(store.get(3).timestamp()).isEqualTo(h + 3);
        assertThat(store.get(4).timestamp()).isEqualTo(h + 4);

        // The same header again.
        l.apply(h, new Command[] {transfer(5, bank, wallet, 1).build()});
        assertThat(store.get(5).timestamp()).isEqualTo(h + 5);

        // A header ahead of the last timestamp is taken as it is.
        l.apply(h + second, new Command[] {Tick.instance, transfer(6, bank, wallet, 1).build()});
        assertThat(store.get(6).timestamp()).isEqualTo(h + second + 1);
        assertThat(l.lastTimestamp()).isEqualTo(h + second + 1);
    }

    @Test
    void aPendingExpiresExactlyWhenItsTimeoutHasPassed() {
        InMemoryTransferStore store = new InMemoryTransferStore();
        ShardLedger l = ShardLedger.standalone(store);
        long bank = HouseAccount.bankFunding.id(0, Currency.CNY);
        long user = Ids.compose(0, Ids.firstUserLocalId);
        long wallet = Ids.compose(0, Ids.firstUserLocalId + 1);
        long h = 9_000 * second;
        l.apply(h, new Command[] {new CreateUser(user, wallet, Currency.CNY.ledger(), 0, 0, 0, 0),
                transfer(1, bank, wallet, 100).build()});
        // Pending 2, 3 and 7 are created at h + 10, h + 11 and h + 12, each with a 10 second timeout.
        l.apply(h + 10, new Command[] {pending(2, wallet, bank, 30, 10).build(), pending(3, wallet, bank, 20, 10).build(),
                pending(7, wallet, bank, 5, 10).build()});
        long expires2 = h + 10 + 10 * second;
        assertThat(store.get(2).expiresAt()).isEqualTo(expires2);
        assertThat(store.get(3).expiresAt()).isEqualTo(expires2 + 1);
        assertThat(store.get(7).expiresAt()).isEqualTo(expires2 + 2);

        // One nanosecond before pending 2 expires: the tick leaves it and the post succeeds.
        assertThat(l.apply(expires2 - 2, new Command[] {Tick.instance, post(4, 2, 0).build()}))
                .containsExactly(ok, ok);
        assertThat(l.account(wallet).debitsPosted()).isEqualTo(30);
        assertThat(l.account(wallet).debitsPending()).isEqualTo(25);

        // A tick one nanosecond before pending 3's expiry leaves it, a tick at that instant releases it.
        assertThat(l.apply(expires2, new Command[] {Tick.instance})).containsExactly(ok);
        assertThat(l.account(wallet).debitsPending()).isEqualTo(25);
        assertThat(l.apply(expires2 + 1, new Command[] {Tick.instance})).containsExactly(ok);
        assertThat(l.lastTimestamp()).isEqualTo(expires2 + 1);
        assertThat(l.account(wallet).debitsPending()).isEqualTo(5);
        assertThat(store.get(3).status()).isEqualTo(PendingStatus.expired);

        // Pending 7 expires at expires2 + 2: a post at exactly that instant is too late, yet the
        // amount stays reserved until a tick releases it.
        assertThat(l.apply(expires2 + 2, new Command[] {post(8, 7, 0).build()})).containsExactly(pending_expired);
        assertThat(store.get(8)).isNull();
        assertThat(l.account(wallet).debitsPending()).isEqualTo(5);
        assertThat(l.apply(expires2 + 2, new Command[] {post(5, 3, 0).build(), voidPending(6, 7).build(),
                Tick.instance})).containsExactly(pending_expired, pending_expired, ok);
        long tick7 = expires2 + 5;
        assertThat(l.lastTimestamp()).isEqualTo(tick7);
        assertThat(l.account(wallet).debitsPending()).isZero();
        assertThat(store.get(7).status()).isEqualTo(PendingStatus.expired);

        // A post and the tick in one batch at the instant of expiry: the post is too late.
        assertThat(l.apply(0, new Command[] {pending(9, wallet, bank, 1, 1).build()})).containsExactly(ok);
        long expires9 = store.get(9).expiresAt();
        assertThat(expires9).isEqualTo(tick7 + 1 + second);
        assertThat(l.apply(expires9, new Command[] {post(10, 9, 0).build(), Tick.instance}))
                .containsExactly(pending_expired, ok);
        assertThat(l.account(wallet).debitsPending()).isZero();
        assertThat(l.account(bank).creditsPending()).isZero();
        assertThat(store.get(9).status()).isEqualTo(PendingStatus.expired);
        assertThat(l.openPendingCount()).isZero();

        // Each release is recorded as an expiry event on both accounts, at the tick's timestamp.
        List<BalanceEvent> expiry = store.events().stream().filter(BalanceEvent::expired).toList();
        assertThat(expiry).extracting(BalanceEvent::transferId).containsExactly(3L, 3L, 7L, 7L, 9L, 9L);
        assertThat(expiry).extracting(BalanceEvent::accountId).containsOnly(wallet, bank);
        assertThat(expiry).extracting(BalanceEvent::timestamp).containsExactly(expires2 + 1, expires2 + 1,
                tick7, tick7, expires9 + 1, expires9 + 1);
    }

    @Test
    void retriesOfResolvedTransfersAnswerExistsForeverAfter() {
        LedgerWorld w = LedgerWorld.build();
        assertThat(w.apply(post(3001, pendingOpen, 250).build(),
                voidPending(3002, LedgerWorld.pendingTimed).build())).containsExactly(ok, ok);
        Map<Long, AccountState> after = w.accountsById();

        for (int i = 0; i < 3; i++) {
            w.advanceSeconds(100);
            assertThat(w.apply(post(3001, pendingOpen, 250).build(), Tick.instance)).containsExactly(exists, ok);
        }

        assertThat(w.accountsById()).isEqualTo(after);
        assertThat(w.store.get(3001).amount()).isEqualTo(250);
        assertThat(w.store.get(pendingOpen).status()).isEqualTo(PendingStatus.posted);
    }

    @Test
    void totalsStayBalancedWhenALedgerSumExceedsALong() {
        LedgerWorld w = LedgerWorld.build();
        long big = Long.MAX_VALUE - 20_000;
        assertThat(w.apply(transfer(3001, bank, alicePlain, big).build(),
                transfer(3002, bobCapped, alicePlain, 1).build(),
                transfer(3003, alicePlain, bobWallet, big).build()))
                .containsExactly(ok, ok, ok);

        // Sum of credits posted is now above Long.MAX_VALUE; the totals still balance.
        long[] cny = w.ledger.totalsByLedger().get(Currency.CNY.ledger());
        assertThat(cny[0]).isEqualTo(cny[1]);
        assertThat(cny[2]).isEqualTo(cny[3]);
        w.assertBalanced();
    }

    @Test
    void aFullBatchFindsEveryStoredTransferItNames() {
        InMemoryTransferStore store = new InMemoryTransferStore();
        ShardLedger l = ShardLedger.standalone(store);
        long bank = HouseAccount.bankFunding.id(0, Currency.CNY);
        long wallet = Ids.compose(0, Ids.firstUserLocalId + 1);
        l.apply(second, new Command[] {new CreateUser(Ids.compose(0, Ids.firstUserLocalId), wallet,
                Currency.CNY.ledger(), 0, 0, 0, 0)});
        int n = Limits.maxBatchTransfers / 2;
        Command[] pendings = new Command[n];
        for (int i = 0; i < n; i++) {
            pendings[i] = pending(i + 1, bank, wallet, 1, 1).build();
        }
        assertThat(l.apply(2 * second, pendings)).containsOnly(ok);
        assertThat(l.apply(4 * second, new Command[] {Tick.instance})).containsExactly(ok);
        assertThat(l.openPendingCount()).isZero();

        // Every pending now lives only in the store: one batch names all of them twice over.
        Command[] batch = new Command[2 * n];
        for (int i = 0; i < n; i++) {
            batch[2 * i] = post(100_000 + i, i + 1, 0).build();
            batch[2 * i + 1] = pendings[i];
        }
        Result[] results = l.apply(5 * second, batch);

        for (int i = 0; i < n; i++) {
            assertThat(results[2 * i]).as("post of %d", i + 1).isEqualTo(pending_expired);
            assertThat(results[2 * i + 1]).as("retry of %d", i + 1).isEqualTo(exists);
        }
        assertThat(l.account(wallet).creditsPending()).isZero();
        assertThat(l.account(wallet).creditsPosted()).isZero();
        assertThat(store.size()).isEqualTo(n);
    }

    @Test
    void aShardMustServeItsHomeSlot() {
        assertThatThrownBy(() -> new ShardLedger(1, 4, slot -> slot != 4, new InMemoryTransferStore()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyShardStartsWithItsHouseAccountsAndNothingElse() {
        ShardLedger l = new ShardLedger(2, 700, slot -> slot >= 512, new InMemoryTransferStore());

        assertThat(l.accountCount()).isEqualTo(Currency.values().length * HouseAccount.values().length);
        for (Currency c : Currency.values()) {
            AccountState a = l.account(HouseAccount.bankFunding.id(700, c));
            assertThat(a).as("%s bank funding", c).isNotNull();
            assertThat(a.ledger()).isEqualTo(c.ledger());
            assertThat(a.code()).isEqualTo(HouseAccount.accountCode);
            assertThat(Ids.isUserRange(a.id())).isFalse();
        }
        assertThat(l.userCount()).isZero();
        assertThat(l.apply(1, new Command[] {new CreateAccount(Ids.compose(3, Ids.firstUserLocalId + 1),
                Ids.compose(3, Ids.firstUserLocalId), Currency.CNY.ledger(), 10, 0, 0)}))
                .containsExactly(Result.accounts_on_different_shards);
    }
}
