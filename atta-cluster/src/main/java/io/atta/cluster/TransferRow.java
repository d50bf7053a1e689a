package io.atta.cluster;

import io.atta.core.TransferFlags;
import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.TransferRecord;

/**
 * A transfer as its history shows it: the record in its final state and, for a pending transfer
 * that a post or void transfer resolved, that transfer ({@code null} otherwise). The post or
 * void is part of this row, never a row of its own.
 */
public record TransferRow(TransferRecord transfer, TransferRecord resolution) {

    public TransferRow {
        if (resolution != null && resolution.pendingId() != transfer.id()) {
            throw new IllegalArgumentException("transfer " + resolution.id() + " does not resolve " + transfer.id());
        }
    }

    /** The account debited: for a piece of a cross-shard transfer, the leg's (not the in-transit account). */
    public long debitAccountId() {
        return isPiece() ? transfer.requestedDebit() : transfer.debitAccountId();
    }

    /** The account credited: for a piece of a cross-shard transfer, the leg's (not the in-transit account). */
    public long creditAccountId() {
        return isPiece() ? transfer.requestedCredit() : transfer.creditAccountId();
    }

    /** True for this shard's piece of a cross-shard transfer. */
    public boolean isPiece() {
        return (transfer.flags() & TransferFlags.crossShard) != 0;
    }

    /**
     * The amount that has moved between the two accounts: the whole amount of a plain transfer
     * and of a committed cross-shard one, what the post moved for a posted pending transfer,
     * nothing for one pending, voided or expired.
     */
    public long postedAmount() {
        TransferRecord t = transfer;
        if ((t.flags() & TransferFlags.pending) == 0) {
            return t.amount();
        }
        if (t.status() != PendingStatus.posted) {
            return 0;
        }
        if (isPiece()) {
            return t.amount();
        }
        // A history written before posts were indexed by their pending transfer has no
        // resolution to read; the pending amount is then the best it can say.
        return resolution == null ? t.amount() : resolution.amount();
    }

    /** True when a post or void transfer, not a timeout or a transaction's decision, resolves this row. */
    public static boolean resolvedByTransfer(TransferRecord t) {
        return (t.flags() & (TransferFlags.pending | TransferFlags.crossShard)) == TransferFlags.pending
                && (t.status() == PendingStatus.posted || t.status() == PendingStatus.voided);
    }
}
