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
        // Two pending transfers created at h + 10 and h + 11, each with a 10 second timeout.
        l.apply(h + 10, new Command[] {pending(2, wallet, bank, 30, 10).build(), pending(3, wallet, bank, 20, 10).build()});
        long expires2 = h + 10 + 10 * second;
        assertThat(store.get(2).expiresAt()).isEqualTo(expires2);

        // One nanosecond before: a tick leaves it alone and a post still succeeds.
        assertThat(l.apply(expires2 - 2, new Command[] {Tick.instance, post(4, 2, 0).build()}))
                .containsExactly(ok, ok);
        assertThat(l.account(wallet).debitsPosted()).isEqualTo(30);
        assertThat(l.account(wallet).debitsPending()).isEqualTo(20);

        // Pending 3 expires at expires2 + 1: a post at exactly that instant is too late...
        assertThat(l.apply(expires2 + 1, new Command[] {post(5, 3, 0).build()})).containsExactly(pending_expired);
        assertThat(l.account(wallet).debitsPending()).as("reserved until the tick").isEqualTo(20);
        // ...and the next tick releases it.
        assertThat(l.apply(expires2 + 1, new Command[] {Tick.instance})).containsExactly(ok);
        assertThat(l.account(wallet).debitsPending()).isZero();
        assertThat(l.account(bank).creditsPending()).isZero();
        assertThat(store.get(3).status()).isEqualTo(PendingStatus.expired);
        assertThat(l.openPendingCount()).isZero();

        // The release is recorded as an expiry event on both accounts.
        List<BalanceEvent> expiry = store.events().stream().filter(BalanceEvent::expired).toList();
        assertThat(expiry).extracting(BalanceEvent::transferId).containsExactly(3L, 3L);
        assertThat(expiry).extracting(BalanceEvent::accountId).containsExactlyInAnyOrder(wallet, bank);
        assertThat(expiry).extracting(BalanceEvent::timestamp).containsOnly(expires2 + 2);
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
