package io.atta.engine.ledger;

import static io.atta.engine.ledger.ResultRow.row;
import static io.atta.engine.ledger.ShardLedgerResultTableTest.available;
import static io.atta.engine.ledger.ShardLedgerResultTableTest.t1;
import static io.atta.engine.ledger.ShardLedgerResultTableTest.t2;
import static io.atta.engine.ledger.ShardLedgerResultTableTest.t3;
import static io.atta.engine.ledger.ShardLedgerResultTableTest.unknownAccount;
import static io.atta.engine.ledger.LedgerWorld.aliceClosed;
import static io.atta.engine.ledger.LedgerWorld.aliceWallet;
import static io.atta.engine.ledger.LedgerWorld.begin;
import static io.atta.engine.ledger.LedgerWorld.foreignAccount;
import static io.atta.engine.ledger.LedgerWorld.foreignShard;
import static io.atta.engine.ledger.LedgerWorld.foreignSlot;
import static io.atta.engine.ledger.LedgerWorld.inTransit;
import static io.atta.engine.ledger.LedgerWorld.pendingOpen;
import static io.atta.engine.ledger.TransferBuilder.pending;
import static io.atta.engine.ledger.TransferBuilder.post;
import static io.atta.engine.ledger.TransferBuilder.transfer;
import static io.atta.engine.ledger.TransferBuilder.voidPending;
import static io.atta.core.command.Result.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.FinishTransaction;
import io.atta.core.command.PrepareTransaction;
import io.atta.core.command.ResolveTransaction;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rows of the ledger's result table ({@link ShardLedgerResultTableTest}) for cross-shard
 * transactions on one shard.
 */
final class TransactionResultRows {

    /** A transfer id in the slot this shard does not own. */
    private static final long foreignSlotId = Ids.compose(foreignSlot, 7_001);

    private TransactionResultRows() {
    }

    /** A prepare from the coordinator of {@link LedgerWorld#foreignSlot}, as its driver would send it. */
    private static PrepareTransaction prepare(TransferBuilder... legs) {
        CreateTransfer[] built = Arrays.stream(legs).map(TransferBuilder::build).toArray(CreateTransfer[]::new);
        return new PrepareTransaction(foreignShard, built[0].id(), built);
    }

    /**
     * Cross-shard transactions on this shard: as the coordinator of legs from its accounts to
     * {@link LedgerWorld#foreignAccount}, and as the participant of legs from there to its accounts.
     * The scenarios that take several shards are in {@link TransactionsScenarioTest}.
     */
    static List<ResultRow> rows() {
        Consumer<LedgerWorld> begun = w -> w.applyAllOk(begin(transfer(t1, aliceWallet, foreignAccount, 250)));
        Consumer<LedgerWorld> committed = begun.andThen(w -> w.applyAllOk(new DecideTransaction(t1, true, ok, -1)));
        Consumer<LedgerWorld> aborted = begun.andThen(w -> assertThat(
                w.apply(new DecideTransaction(t1, false, account_not_found, 0))).containsExactly(transaction_aborted));
        Consumer<LedgerWorld> prepared = w -> w.applyAllOk(prepare(transfer(t1, foreignAccount, aliceWallet, 300)));
        return List.of(
                row("begin prepares the coordinator's piece against its in-transit account")
                        .when(begin(transfer(t1, aliceWallet, foreignAccount, 250))).expect(ok)
                        .delta(aliceWallet, 250, 0, 0, 0).delta(inTransit, 0, 0, 250, 0)
                        .then(w -> {
                            assertThat(w.ledger.transactionState(t1)).isEqualTo(TransactionState.preparing);
                            TransferRecord piece = w.store.get(t1);
                            assertThat(piece.flags()).isEqualTo(TransferFlags.pending | TransferFlags.crossShard);
                            assertThat(piece.status()).isEqualTo(PendingStatus.pending);
                            assertThat(piece.creditAccountId()).isEqualTo(inTransit);
                            assertThat(piece.requestedCredit()).as("the leg as requested").isEqualTo(foreignAccount);
                            assertThat(w.ledger.activeTransactions()).singleElement()
                                    .extracting(ActiveTransaction::participants).isEqualTo(1L << foreignShard);
                        }),
                row("a begin its own shard refuses records nothing; the reason is at its leg").when(
                                begin(transfer(t1, aliceWallet, foreignAccount, 10).linked(),
                                        transfer(t2, aliceClosed, foreignAccount, 1)),
                                begin(transfer(t3, aliceWallet, foreignAccount, available + 1)))
                        .expect(linked_event_failed, account_closed, insufficient_funds)
                        .then(w -> {
                            assertThat(w.ledger.transactionState(t1)).isEqualTo(TransactionState.unknown);
                            assertThat(w.ledger.transactionState(t3)).isEqualTo(TransactionState.unknown);
                            assertThat(w.store.get(t1)).isNull();
                            assertThat(w.ledger.activeTransactions()).isEmpty();
                        }),
                row("a begin that is not this shard's to coordinate, or whose id is not its first leg's").when(
                                begin(transfer(t1, foreignAccount, aliceWallet, 10)),
                                new BeginTransaction(t2, 1L << foreignShard,
                                        new CreateTransfer[] {transfer(t3, aliceWallet, foreignAccount, 10).build()}))
                        .expect(accounts_on_different_shards, accounts_on_different_shards),
                row("a leg with the pending, post or void flag").when(
                                begin(pending(t1, aliceWallet, foreignAccount, 10, 0)),
                                begin(transfer(t2, aliceWallet, foreignAccount, 10).linked(),
                                        post(t3, pendingOpen, 0).debit(aliceWallet).credit(foreignAccount)),
                                begin(voidPending(2004, pendingOpen).debit(aliceWallet).credit(foreignAccount)))
                        .expect(cross_shard_pending_not_supported, linked_event_failed,
                                cross_shard_pending_not_supported, cross_shard_pending_not_supported),
                row("begin again while the transaction is in flight, with the same or other legs").given(begun)
                        .when(begin(transfer(t1, aliceWallet, foreignAccount, 250)),
                                begin(transfer(t1, aliceWallet, foreignAccount, 251)))
                        .expect(transaction_in_flight, exists_with_different_fields),
                row("the commit posts the coordinator's pieces").given(begun)
                        .when(new DecideTransaction(t1, true, ok, -1)).expect(ok)
                        .delta(aliceWallet, -250, 250, 0, 0).delta(inTransit, 0, 0, -250, 250)
                        .then(w -> {
                            assertThat(w.ledger.transactionState(t1)).isEqualTo(TransactionState.committed);
                            assertThat(w.store.get(t1).status()).isEqualTo(PendingStatus.posted);
                            assertThat(w.ledger.transactionOutcome(t1).committed()).isTrue();
                        }),
                row("an abort voids them and keeps its reason").given(begun)
                        .when(new DecideTransaction(t1, false, account_not_found, 0)).expect(transaction_aborted)
                        .decision().delta(aliceWallet, -250, 0, 0, 0).delta(inTransit, 0, 0, -250, 0)
                        .then(w -> {
                            assertThat(w.ledger.transactionState(t1)).isEqualTo(TransactionState.aborted);
                            assertThat(w.store.get(t1).status()).isEqualTo(PendingStatus.voided);
                            TransactionOutcome o = w.ledger.transactionOutcome(t1);
                            assertThat(o.reason()).isEqualTo(account_not_found);
                            assertThat(o.failedLeg()).isZero();
                        }),
                row("a second decision changes nothing: the first one logged wins").given(aborted)
                        .when(new DecideTransaction(t1, false, insufficient_funds, 0),
                                new DecideTransaction(t1, true, ok, -1))
                        .expect(transaction_aborted, transaction_aborted)
                        .then(w -> assertThat(w.ledger.transactionOutcome(t1).reason()).isEqualTo(account_not_found)),
                row("an abort after the commit answers the commit").given(committed)
                        .when(new DecideTransaction(t1, false, account_not_found, 0)).expect(ok)
                        .then(w -> assertThat(w.ledger.transactionState(t1)).isEqualTo(TransactionState.committed)),
                row("a decision on a transaction this shard never began").when(
                                new DecideTransaction(424_242, true, ok, -1),
                                new DecideTransaction(424_243, false, account_not_found, 0))
                        .expect(transaction_not_found, transaction_not_found)
                        .then(w -> assertThat(w.ledger.transactionOutcome(424_242)).isNull()),
                row("finishing an undecided transaction").given(begun).when(new FinishTransaction(t1))
                        .expect(transaction_in_flight)
                        .then(w -> assertThat(w.ledger.activeTransactions()).hasSize(1)),
                row("after the finish, a decision and a repeated begin answer from the history").given(committed)
                        .when(new FinishTransaction(t1), new DecideTransaction(t1, false, account_not_found, 0),
                                begin(transfer(t1, aliceWallet, foreignAccount, 250)),
                                begin(transfer(t1, aliceWallet, foreignAccount, 251)), new FinishTransaction(t1))
                        .expect(ok, ok, exists, exists_with_different_fields, ok)
                        .then(w -> {
                            assertThat(w.ledger.activeTransactions()).isEmpty();
                            assertThat(w.ledger.transactionState(t1)).isEqualTo(TransactionState.committed);
                        }),
                row("a begin repeated after an abort answers the stored refusal")
                        .given(aborted.andThen(w -> w.applyAllOk(new FinishTransaction(t1))))
                        .when(begin(transfer(t1, aliceWallet, foreignAccount, 250))).expect(account_not_found),
                row("prepare as a participant: pieces pending against in-transit")
                        .when(prepare(transfer(t1, foreignAccount, aliceWallet, 300))).expect(ok)
                        .delta(inTransit, 300, 0, 0, 0).delta(aliceWallet, 0, 0, 300, 0)
                        .then(w -> assertThat(w.ledger.preparedTransactions()).singleElement()
                                .isEqualTo(new PreparedTransaction(foreignShard, t1, w.now - LedgerWorld.batchSpacingNs))),
                row("a leg debited here names a slot of this shard; a piece that only credits here keeps "
                        + "the leg's id, whatever shard owns its slot").when(
                                begin(transfer(foreignSlotId, aliceWallet, foreignAccount, 10)),
                                prepare(transfer(t2, foreignAccount, aliceWallet, 5).linked(),
                                        transfer(foreignSlotId + 1, aliceWallet, foreignAccount, 5)),
                                prepare(transfer(foreignSlotId + 2, foreignAccount, aliceWallet, 300)))
                        .expect(transfer_id_not_in_shard_slot, linked_event_failed, transfer_id_not_in_shard_slot, ok)
                        .delta(inTransit, 300, 0, 0, 0).delta(aliceWallet, 0, 0, 300, 0)
                        .then(w -> assertThat(w.store.get(foreignSlotId + 2).requestedDebit())
                                .isEqualTo(foreignAccount)),
                row("a participant that cannot prepare votes no and prepares nothing").when(
                                prepare(transfer(t1, foreignAccount, unknownAccount, 5)),
                                prepare(transfer(t2, foreignAccount, aliceWallet, 5).linked(),
                                        transfer(t3, aliceWallet, foreignAccount, available + 1)))
                        .expect(account_not_found, linked_event_failed, insufficient_funds)
                        .then(w -> assertThat(w.ledger.preparedTransactions()).isEmpty()),
                row("a repeated prepare votes as before").given(prepared)
                        .when(prepare(transfer(t1, foreignAccount, aliceWallet, 300))).expect(ok)
                        .then(w -> assertThat(w.ledger.preparedTransactions()).singleElement()
                                .extracting(PreparedTransaction::preparedAt)
                                .isEqualTo(w.now - 2 * LedgerWorld.batchSpacingNs)),
                row("resolve posts a participant's pieces").given(prepared)
                        .when(new ResolveTransaction(foreignShard, t1, true)).expect(ok)
                        .delta(inTransit, -300, 300, 0, 0).delta(aliceWallet, 0, 0, -300, 300)
                        .then(w -> assertThat(w.ledger.preparedTransactions()).isEmpty()),
                row("a prepare repeated after its abort votes no and prepares nothing")
                        .given(prepared.andThen(w -> w.applyAllOk(new ResolveTransaction(foreignShard, t1, false))))
                        .when(prepare(transfer(t1, foreignAccount, aliceWallet, 300))).expect(transaction_aborted),
                row("a resolve with nothing prepared changes nothing").when(
                                new ResolveTransaction(foreignShard, 424_242, true),
                                new ResolveTransaction(foreignShard, 424_243, false))
                        .expect(ok, ok));
    }
}
