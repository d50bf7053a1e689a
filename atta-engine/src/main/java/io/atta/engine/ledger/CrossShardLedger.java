package io.atta.engine.ledger;

import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;

import java.util.List;

/**
 * The ledger as the cross-shard transactions module uses it while a batch is applied: the
 * shard's slots, the transfers and transaction outcomes the batch sees, and a transaction's
 * pieces (pending transfers against the in-transit house account) prepared all or nothing and
 * later posted or voided. Only the applying thread may call it.
 */
public final class CrossShardLedger {
    private final LedgerModule l;

    CrossShardLedger(LedgerModule l) {
        this.l = l;
    }

    public int shardId() {
        return l.shardId;
    }

    /** The slot whose reserved ids hold this shard's house accounts (its in-transit accounts). */
    public int homeSlot() {
        return l.homeSlot;
    }

    /** True when this shard serves the slot. */
    public boolean ownsSlot(int slot) {
        return l.ownsSlot.test(slot);
    }

    /** The transfer with this id as the batch sees it: one it loaded or wrote, else an open pending one. */
    public TransferRecord findTransfer(long id) {
        return l.findTransfer(id);
    }

    /** The stored decision on a transaction, if the batch prefetched it or made it; else null. */
    public TransactionOutcome knownOutcome(long txId) {
        return l.batch.knownOutcome(txId);
    }

    /** Records a decision, stored with the batch. */
    public void recordOutcome(TransactionOutcome o) {
        l.batch.recordOutcome(o);
    }

    /** Notes a stored transfer the batch will look up. */
    public void prefetchTransfer(long id) {
        l.batch.prefetchTransfer(id);
    }

    /** Notes a stored transaction outcome the batch will look up. */
    public void prefetchOutcome(long txId) {
        l.batch.prefetchOutcome(txId);
    }

    /**
     * Applies a transaction's pieces on this shard all or nothing, like a linked chain. Returns
     * -1, or the index of the refused piece with its result in {@code failure[0]}.
     */
    public int applyPieces(long txId, List<CreateTransfer> pieces, List<CreateTransfer> legs, long ts,
                           Result[] failure, TransferRecord[] records) {
        return CrossShardPieces.applyPieces(l, txId, pieces, legs, ts, failure, records);
    }

    /** Posts or voids a prepared piece once its transaction is decided; neither can fail. */
    public void resolvePiece(TransferRecord piece, boolean commit, long ts) {
        CrossShardPieces.resolvePiece(l, piece, commit, ts);
    }

    /** The recorded decision on a transaction this shard coordinated, read from the store; null if none. */
    public TransactionOutcome storedOutcome(long txId) {
        return l.storedOutcome(txId);
    }
}
