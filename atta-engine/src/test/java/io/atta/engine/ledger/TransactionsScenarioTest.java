package io.atta.engine.ledger;

import static io.atta.core.command.Result.account_not_found;
import static io.atta.core.command.Result.exists;
import static io.atta.core.command.Result.exists_with_different_fields;
import static io.atta.core.command.Result.insufficient_funds;
import static io.atta.core.command.Result.linked_event_failed;
import static io.atta.core.command.Result.ok;
import static io.atta.core.command.Result.transaction_aborted;
import static io.atta.core.command.Result.transaction_in_flight;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.FinishTransaction;
import io.atta.core.command.PrepareTransaction;
import io.atta.core.command.ResolveTransaction;
import io.atta.core.command.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cross-shard transactions on the two shards of a two-shard split, with the test as the driver:
 * each protocol step is one batch on one shard, so every intermediate state can be looked at.
 * The driver that sends these steps for real, with retries and crashes, is tested in
 * atta-cluster ({@code CrossShardTransactionTest}, {@code MultiShardModelTest}).
 */
class TransactionsScenarioTest {
    private static final int cny = Currency.CNY.ledger();
    /** Shard 0 serves slots below this, shard 1 the rest; each shard's home slot is its first. */
    private static final int half = Ids.slotCount / 2;
    private static final long first = Ids.firstUserLocalId;
    private static final long alice = Ids.compose(0, first + 1);
    private static final long aliceWallet = Ids.compose(0, first + 2);
    private static final long carol = Ids.compose(1, first + 1);
    private static final long carolWallet = Ids.compose(1, first + 2);
    private static final long bob = Ids.compose(half, first + 1);
    private static final long bobWallet = Ids.compose(half, first + 2);
    private static final long dave = Ids.compose(half + 1, first + 1);
    private static final long daveWallet = Ids.compose(half + 1, first + 2);
    private static final long missing = Ids.compose(half, first + 99);
    private static final long inTransit0 = HouseAccount.inTransit.id(0, Currency.CNY);
    private static final long inTransit1 = HouseAccount.inTransit.id(half, Currency.CNY);
    private static final long funding = 1_000;

    /** Two shards with two funded users each; alice and carol on shard 0, bob and dave on shard 1. */
    private static final class TwoShards {
        final InMemoryTransferStore[] stores = {new InMemoryTransferStore(), new InMemoryTransferStore()};
        final ShardLedger[] ledgers = {shard(0, stores[0]), shard(1, stores[1])};
        long now = 1_700_000_000_000_000_000L;

        TwoShards() {
            long bank0 = HouseAccount.bankFunding.id(0, Currency.CNY);
            long bank1 = HouseAccount.bankFunding.id(half, Currency.CNY);
            assertThat(apply(0, new CreateUser(alice, aliceWallet, cny, 1, 2, 3, 4),
                    new CreateUser(carol, carolWallet, cny, 1, 2, 3, 4), transfer(1, bank0, aliceWallet, funding),
                    transfer(2, bank0, carolWallet, funding))).containsOnly(ok);
            assertThat(apply(1, new CreateUser(bob, bobWallet, cny, 1, 2, 3, 4),
                    new CreateUser(dave, daveWallet, cny, 1, 2, 3, 4), transfer(3, bank1, bobWallet, funding),
                    transfer(4, bank1, daveWallet, funding))).containsOnly(ok);
        }

        static ShardLedger shard(int s, TransferStore store) {
            return new ShardLedger(s, s * half, slot -> slot / half == s, store);
        }

        static int shardOf(long id) {
            return Ids.slotOf(id) / half;
        }

        Result[] apply(int shard, Command... commands) {
            now += 1_000_000;
            return ledgers[shard].apply(now, commands);
        }

        AccountState account(long id) {
            return ledgers[shardOf(id)].account(id);
        }

        /** Balances as {debits pending, debits posted, credits pending, credits posted}. */
        long[] balances(long id) {
            AccountState a = account(id);
            return new long[] {a.debitsPending(), a.debitsPosted(), a.creditsPending(), a.creditsPosted()};
        }

        long balance(long id) {
            return account(id).balance();
        }

        Map<Long, AccountState> accounts(int shard) {
            Map<Long, AccountState> out = new java.util.TreeMap<>();
            ledgers[shard].accounts().forEach(a -> out.put(a.id(), a));
            return out;
        }

        /**
         * Restarts both shards from a snapshot: each ledger is written out and read into a fresh
         * one over a copy of its store, which must have the same state hash.
         */
        void restart() {
            for (int s = 0; s < 2; s++) {
                long hash = ledgers[s].stateHash();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try {
                    LedgerSnapshot.write(ledgers[s], new DataOutputStream(bytes));
                    stores[s] = stores[s].copy();
                    ledgers[s] = shard(s, stores[s]);
                    LedgerSnapshot.read(ledgers[s], new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                assertThat(ledgers[s].stateHash()).as("state hash of shard %d after the restart", s).isEqualTo(hash);
            }
        }

        /** Both shards balance, nothing is in flight, and the in-transit positions cancel out. */
        void assertSettled() {
            for (int s = 0; s < 2; s++) {
                ledgers[s].totalsByLedger().forEach((ledger, t) -> {
                    assertThat(t[0]).as("ledger %d debits posted vs credits posted", ledger).isEqualTo(t[1]);
                    assertThat(t[2]).as("ledger %d debits pending vs credits pending", ledger).isEqualTo(t[3]);
                });
                assertThat(ledgers[s].activeTransactions()).as("shard %d active transactions", s).isEmpty();
                assertThat(ledgers[s].preparedTransactions()).as("shard %d prepared transactions", s).isEmpty();
                assertThat(ledgers[s].openPendingCount()).as("shard %d open pending transfers", s).isZero();
            }
            assertThat(balance(inTransit0) + balance(inTransit1)).as("in-transit positions").isZero();
        }
    }

    /**
     * A transfer whose id is {@code n} in its debit account's slot, as every transfer id must be
     * (docs/API.md, Transfer ids): alice's are {@code n} itself (slot 0).
     */
    private static CreateTransfer transfer(long n, long debit, long credit, long amount) {
        return new CreateTransfer(Ids.compose(Ids.slotOf(debit), n), debit, credit, amount, cny, 1, 0, 0, 0, 0, 0);
    }

    private static CreateTransfer linked(long n, long debit, long credit, long amount) {
        return new CreateTransfer(Ids.compose(Ids.slotOf(debit), n), debit, credit, amount, cny, 1,
                TransferFlags.linked, 0, 0, 0, 0);
    }

    /** The begin a driver sends to the coordinator, the shard of the first leg's debit account. */
    private static BeginTransaction begin(CreateTransfer... legs) {
        int coordinator = TwoShards.shardOf(legs[0].debitAccountId());
        long participants = 0;
        for (CreateTransfer t : legs) {
            participants |= 1L << TwoShards.shardOf(t.debitAccountId()) | 1L << TwoShards.shardOf(t.creditAccountId());
        }
        return new BeginTransaction(legs[0].id(), participants & ~(1L << coordinator), legs);
    }

    private static PrepareTransaction prepare(CreateTransfer... legs) {
        return new PrepareTransaction(TwoShards.shardOf(legs[0].debitAccountId()), legs[0].id(), legs);
    }

    /** The prepare a driver sends to a transaction's only participant, which decides it. */
    private static PrepareTransaction prepareAndDecide(CreateTransfer... legs) {
        return new PrepareTransaction(TwoShards.shardOf(legs[0].debitAccountId()), legs[0].id(), legs, true);
    }

    @Test
    void aSoleParticipantDecidesAndPostsAtOnceAndTheCoordinatorRecordsItLater() {
        TwoShards s = new TwoShards();
        CreateTransfer leg = transfer(60, aliceWallet, bobWallet, 300);
        assertThat(s.apply(0, begin(leg))).containsExactly(ok);

        // One entry on the participant decides: bob's credit is posted, nothing stays prepared there.
        assertThat(s.apply(1, prepareAndDecide(leg))).containsExactly(ok);
        assertThat(s.balances(bobWallet)).containsExactly(0, 0, 0, funding + 300);
        assertThat(s.ledgers[1].preparedTransactions()).isEmpty();
        assertThat(s.stores[1].get(60).status()).isEqualTo(PendingStatus.posted);
        // Until the coordinator records it, alice's debit is reserved (pending), never lost.
        assertThat(s.balances(aliceWallet)).containsExactly(300, 0, 0, funding);

        Map<Long, AccountState> shard1 = s.accounts(1);
        assertThat(s.apply(1, prepareAndDecide(leg))).as("a repeat").containsExactly(ok);
        assertThat(s.accounts(1)).isEqualTo(shard1);

        assertThat(s.apply(0, new DecideTransaction(60, true, ok, -1), new FinishTransaction(60)))
                .containsExactly(ok, ok);
        assertThat(s.balances(aliceWallet)).containsExactly(0, 300, 0, funding);
        assertThat(s.apply(0, begin(leg))).containsExactly(exists);
        s.assertSettled();
    }

    @Test
    void aSoleParticipantsRefusalIsRecordedSoARepeatCanNeverCommit() {
        TwoShards s = new TwoShards();
        // Bob's own leg on the participant cannot be paid.
        CreateTransfer[] chain = {linked(70, aliceWallet, bobWallet, 100), transfer(71, bobWallet, daveWallet, 5_000)};
        assertThat(s.apply(0, begin(chain))).containsExactly(ok, ok);
        assertThat(s.apply(1, prepareAndDecide(chain))).containsExactly(linked_event_failed, insufficient_funds);
        assertThat(s.balances(bobWallet)).containsExactly(0, 0, 0, funding);

        // Bob is funded now, and the shard restarts from a snapshot: a repeat (a retry, a second
        // driver) still answers the refusal, because the coordinator may already have logged it.
        s.apply(1, transfer(72, HouseAccount.bankFunding.id(half, Currency.CNY), bobWallet, 10_000));
        s.restart();
        assertThat(s.apply(1, prepareAndDecide(chain))).containsExactly(linked_event_failed, insufficient_funds);
        assertThat(s.apply(1, prepareAndDecide(linked(70, aliceWallet, bobWallet, 100))))
                .as("the same id with other legs").containsExactly(exists_with_different_fields);
        assertThat(s.balances(bobWallet)).containsExactly(0, 0, 0, funding + 10_000);

        assertThat(s.apply(0, new DecideTransaction(70, false, insufficient_funds, 1), new FinishTransaction(70)))
                .containsExactly(transaction_aborted, ok);
        assertThat(s.balances(aliceWallet)).containsExactly(0, 0, 0, funding);
        assertThat(s.apply(0, begin(chain))).containsExactly(linked_event_failed, insufficient_funds);
        s.assertSettled();
    }

    @Test
    void aDecidingPrepareCommitsPiecesAVotingPrepareLeft() {
        TwoShards s = new TwoShards();
        CreateTransfer leg = transfer(80, aliceWallet, bobWallet, 40);
        s.apply(0, begin(leg));
        assertThat(s.apply(1, prepare(leg))).containsExactly(ok);
        assertThat(s.balances(bobWallet)).containsExactly(0, 0, 40, funding);

        // A driver of this version takes over an undecided transaction that an older one prepared.
        assertThat(s.apply(1, prepareAndDecide(leg))).containsExactly(ok);
        assertThat(s.balances(bobWallet)).containsExactly(0, 0, 0, funding + 40);
        assertThat(s.apply(0, new DecideTransaction(80, true, ok, -1), new FinishTransaction(80)))
                .containsExactly(ok, ok);
        assertThat(s.apply(1, new ResolveTransaction(0, 80, true))).containsExactly(ok);
        assertThat(s.balance(bobWallet)).isEqualTo(funding + 40);
        s.assertSettled();
    }

    @Test
    void aCommitMovesTheMoneyThroughTheInTransitAccounts() {
        TwoShards s = new TwoShards();
        CreateTransfer leg = transfer(10, aliceWallet, bobWallet, 300);

        assertThat(s.apply(0, begin(leg))).containsExactly(ok);
        assertThat(s.balances(aliceWallet)).containsExactly(300, 0, 0, funding);
        assertThat(s.balances(inTransit0)).containsExactly(0, 0, 300, 0);
        assertThat(s.balances(bobWallet)).as("nothing on the participant yet").containsExactly(0, 0, 0, funding);
        assertThat(s.ledgers[0].transactionState(10)).isEqualTo(TransactionState.preparing);

        assertThat(s.apply(1, prepare(leg))).containsExactly(ok);
        assertThat(s.balances(inTransit1)).containsExactly(300, 0, 0, 0);
        assertThat(s.balances(bobWallet)).containsExactly(0, 0, 300, funding);
        assertThat(s.ledgers[1].preparedTransactions()).containsExactly(new PreparedTransaction(0, 10, s.now));
        assertThat(s.ledgers[0].preparedTransactions()).as("the coordinator's own pieces are not listed").isEmpty();

        assertThat(s.apply(0, new DecideTransaction(10, true, ok, -1))).containsExactly(ok);
        assertThat(s.balances(aliceWallet)).containsExactly(0, 300, 0, funding);
        assertThat(s.balances(inTransit0)).containsExactly(0, 0, 0, 300);
        assertThat(s.balances(bobWallet)).as("still pending until resolved").containsExactly(0, 0, 300, funding);

        assertThat(s.apply(1, new ResolveTransaction(0, 10, true))).containsExactly(ok);
        assertThat(s.balances(bobWallet)).containsExactly(0, 0, 0, funding + 300);
        assertThat(s.balances(inTransit1)).containsExactly(0, 300, 0, 0);
        assertThat(s.stores[0].get(10).status()).isEqualTo(PendingStatus.posted);
        assertThat(s.stores[1].get(10).status()).isEqualTo(PendingStatus.posted);

        assertThat(s.ledgers[0].activeTransactions()).singleElement()
                .extracting(ActiveTransaction::state).isEqualTo(TransactionState.committed);
        assertThat(s.apply(0, new FinishTransaction(10))).containsExactly(ok);
        assertThat(s.ledgers[0].transactionState(10)).isEqualTo(TransactionState.committed);
        assertThat(s.balance(aliceWallet)).isEqualTo(funding - 300);
        assertThat(s.balance(bobWallet)).isEqualTo(funding + 300);
        assertThat(s.balance(inTransit0)).isEqualTo(300);
        s.assertSettled();
    }

    @Test
    void aRepeatAfterTheCommitPreparesNothingAndAnswersExists() {
        TwoShards s = new TwoShards();
        CreateTransfer leg = transfer(10, aliceWallet, bobWallet, 300);
        s.apply(0, begin(leg));
        s.apply(1, prepare(leg));
        s.apply(0, new DecideTransaction(10, true, ok, -1));
        s.apply(1, new ResolveTransaction(0, 10, true));
        Map<Long, AccountState> shard1 = s.accounts(1);

        // A late or repeated prepare finds the posted piece: it votes yes again and prepares nothing.
        assertThat(s.apply(1, prepare(leg))).containsExactly(ok);
        assertThat(s.ledgers[1].preparedTransactions()).isEmpty();
        assertThat(s.ledgers[1].openPendingCount()).isZero();
        assertThat(s.apply(1, new ResolveTransaction(0, 10, true))).containsExactly(ok);
        assertThat(s.accounts(1)).isEqualTo(shard1);

        // Once decided, a repeat answers the decision at once: from the record until the finish,
        // from the history after it.
        assertThat(s.apply(0, begin(leg))).containsExactly(exists);
        assertThat(s.apply(0, new FinishTransaction(10))).containsExactly(ok);
        assertThat(s.apply(0, begin(leg))).containsExactly(exists);
        assertThat(s.apply(0, begin(transfer(10, aliceWallet, bobWallet, 301))))
                .containsExactly(exists_with_different_fields);
        assertThat(s.balance(aliceWallet)).isEqualTo(funding - 300);
        assertThat(s.balance(bobWallet)).isEqualTo(funding + 300);
        s.assertSettled();
    }

    @Test
    void aParticipantsRefusalAbortsTheChainAndARepeatAnswersIt() {
        TwoShards s = new TwoShards();
        CreateTransfer[] chain = {linked(20, aliceWallet, bobWallet, 100), transfer(21, aliceWallet, missing, 50)};

        assertThat(s.apply(0, begin(chain))).containsExactly(ok, ok);
        assertThat(s.balances(aliceWallet)).containsExactly(150, 0, 0, funding);
        // The participant prepares all its pieces or none: bob's credit is not prepared either.
        assertThat(s.apply(1, prepare(chain))).containsExactly(linked_event_failed, account_not_found);
        assertThat(s.ledgers[1].preparedTransactions()).isEmpty();
        assertThat(s.balances(bobWallet)).containsExactly(0, 0, 0, funding);

        assertThat(s.apply(0, new DecideTransaction(20, false, account_not_found, 1)))
                .containsExactly(transaction_aborted);
        assertThat(s.balances(aliceWallet)).containsExactly(0, 0, 0, funding);
        assertThat(s.stores[0].get(20).status()).isEqualTo(PendingStatus.voided);
        assertThat(s.apply(1, new ResolveTransaction(0, 20, false))).containsExactly(ok);
        assertThat(s.apply(0, new FinishTransaction(20))).containsExactly(ok);

        // Repeats: the participant votes as before, the coordinator answers the stored refusal.
        assertThat(s.apply(1, prepare(chain))).containsExactly(linked_event_failed, account_not_found);
        assertThat(s.apply(0, begin(chain))).containsExactly(linked_event_failed, account_not_found);
        assertThat(s.ledgers[0].transactionState(20)).isEqualTo(TransactionState.aborted);
        assertThat(s.balance(aliceWallet)).isEqualTo(funding);
        assertThat(s.balance(bobWallet)).isEqualTo(funding);
        s.assertSettled();
        assertThat(s.balance(inTransit0)).isZero();
    }

    @Test
    void anAbortVoidsWhatAParticipantPrepared() {
        TwoShards s = new TwoShards();
        CreateTransfer leg = transfer(30, aliceWallet, bobWallet, 300);
        s.apply(0, begin(leg));
        assertThat(s.apply(1, prepare(leg))).containsExactly(ok);

        // The decision is the coordinator's alone: with a third shard voting no, a yes vote is voided.
        assertThat(s.apply(0, new DecideTransaction(30, false, insufficient_funds, 0)))
                .containsExactly(transaction_aborted);
        assertThat(s.balances(bobWallet)).as("voided only when resolved").containsExactly(0, 0, 300, funding);
        assertThat(s.apply(1, new ResolveTransaction(0, 30, false))).containsExactly(ok);
        assertThat(s.balances(bobWallet)).containsExactly(0, 0, 0, funding);
        assertThat(s.balances(inTransit1)).containsExactly(0, 0, 0, 0);
        assertThat(s.stores[1].get(30).status()).isEqualTo(PendingStatus.voided);
        assertThat(s.apply(0, new FinishTransaction(30))).containsExactly(ok);
        Map<Long, AccountState> shard1 = s.accounts(1);
        int records = s.stores[1].size();

        // A repeated prepare finds the voided piece: it votes no and prepares nothing again.
        assertThat(s.apply(1, prepare(leg))).containsExactly(transaction_aborted);
        assertThat(s.accounts(1)).isEqualTo(shard1);
        assertThat(s.stores[1].size()).isEqualTo(records);
        assertThat(s.apply(0, begin(leg))).containsExactly(insufficient_funds);
        s.assertSettled();
    }

    @Test
    void aResolveWithNothingPreparedChangesNothing() {
        TwoShards s = new TwoShards();
        Map<Long, AccountState> before = s.accounts(1);
        int records = s.stores[1].size();

        assertThat(s.apply(1, new ResolveTransaction(0, 777, true), new ResolveTransaction(0, 778, false)))
                .containsExactly(ok, ok);

        assertThat(s.accounts(1)).isEqualTo(before);
        assertThat(s.stores[1].size()).isEqualTo(records);
        s.assertSettled();
    }

    @Test
    void aSnapshotInTheMiddleOfATransactionKeepsItAndLetsItFinish() {
        TwoShards s = new TwoShards();
        // Bob spends money he already has, on his own shard, and receives alice's.
        CreateTransfer[] chain = {linked(40, aliceWallet, bobWallet, 100), linked(41, bobWallet, carolWallet, 50),
            transfer(42, daveWallet, bobWallet, 7)};
        assertThat(s.apply(0, begin(chain))).containsExactly(ok, ok, ok);
        assertThat(s.apply(1, prepare(chain))).containsExactly(ok, ok, ok);

        s.restart();
        assertThat(s.ledgers[0].activeTransactions()).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TransactionState.preparing);
            assertThat(t.legs()).containsExactly(chain);
            assertThat(t.participants()).isEqualTo(2L);
        });
        assertThat(s.ledgers[1].preparedTransactions()).extracting(PreparedTransaction::txId).containsExactly(40L);
        assertThat(s.apply(1, prepare(chain))).as("a prepare repeated after the restart").containsExactly(ok, ok, ok);
        assertThat(s.apply(0, new DecideTransaction(40, true, ok, -1))).containsExactly(ok);

        s.restart();
        assertThat(s.ledgers[0].activeTransactions()).singleElement().extracting(ActiveTransaction::state)
                .isEqualTo(TransactionState.committed);
        assertThat(s.apply(1, new ResolveTransaction(0, 40, true))).containsExactly(ok);
        assertThat(s.apply(0, new FinishTransaction(40))).containsExactly(ok);

        assertThat(List.of(s.balance(aliceWallet), s.balance(bobWallet), s.balance(carolWallet), s.balance(daveWallet)))
                .containsExactly(funding - 100, funding + 100 - 50 + 7, funding + 50, funding - 7);
        assertThat(s.balance(inTransit0)).isEqualTo(100 - 50);
        s.assertSettled();
        s.restart();
        assertThat(s.apply(0, begin(chain))).containsExactly(exists, exists, exists);
    }

    /**
     * A transfer id names one transfer on each shard it touches (docs/TRANSACTIONS.md, "A collision
     * is refused with exists_with_different_fields"), so a new chain that repeats a committed leg
     * word for word must be refused there, as a chain on one shard would be.
     *
     * <p>It is not: a participant takes a prepare whose first local leg matches a resolved piece
     * for a repeat of that piece's transaction and votes as that transaction did, without
     * preparing anything, so the new chain commits with the repeated leg answered {@code ok} but
     * applied only once, by the old transaction.
     */
    @Test
    void aNewChainRepeatingACommittedLegIsRefusedOnTheParticipant() {
        TwoShards s = new TwoShards();
        CreateTransfer bobToDave = transfer(51, bobWallet, daveWallet, 20);
        CreateTransfer[] old = {linked(50, aliceWallet, bobWallet, 10), bobToDave};
        s.apply(0, begin(old));
        s.apply(1, prepare(old));
        s.apply(0, new DecideTransaction(50, true, ok, -1));
        s.apply(1, new ResolveTransaction(0, 50, true));
        s.apply(0, new FinishTransaction(50));

        CreateTransfer[] repeat = {linked(52, aliceWallet, carolWallet, 5), bobToDave};
        assertThat(s.apply(0, begin(repeat))).containsExactly(ok, ok);

        assertThat(s.apply(1, prepare(repeat))).containsExactly(linked_event_failed, exists_with_different_fields);
    }
}
