package io.atta.engine.ledger;

import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;

import java.util.List;

/**
 * A shard's pieces of cross-shard transactions, for the transactions module through
 * {@link CrossShardLedger}: preparing them all or nothing under the transfer rules, and posting
 * or voiding them once the transaction is decided.
 * Part of the {@link LedgerModule}'s apply (same thread, same state).
 */
final class CrossShardPieces {
    private CrossShardPieces() {
    }

    /**
     * Applies a transaction's pieces on this shard all or nothing, like a linked chain. Returns
     * -1, or the index of the refused piece with its result in {@code failure[0]}.
     */
    static int applyPieces(LedgerModule l, long txId, List<CreateTransfer> pieces, List<CreateTransfer> legs, long ts,
                           Result[] failure, TransferRecord[] records) {
        l.batch.beginGroup();
        int failed = -1;
        for (int k = 0; k < pieces.size(); k++) {
            Result r = TransferCommands.createTransfer(l, pieces.get(k), ts, true, legs.get(k), txId);
            if (r != Result.ok) {
                failed = k;
                // An id already used on this shard, even by the same content, is not this piece.
                failure[0] = r == Result.exists ? Result.exists_with_different_fields : r;
                break;
            }
            records[k] = l.batch.known.get(pieces.get(k).id());
        }
        if (failed >= 0) {
            l.batch.rollBackGroup();
        }
        l.batch.endGroup();
        return failed;
    }

    /** Posts or voids a prepared piece once its transaction is decided; neither can fail. */
    static void resolvePiece(LedgerModule l, TransferRecord p, boolean commit, long ts) {
        Account dr = l.accounts.get(p.debitAccountId());
        Account cr = l.accounts.get(p.creditAccountId());
        dr.debitsPending -= p.amount();
        cr.creditsPending -= p.amount();
        if (commit) {
            dr.debitsPosted = Math.addExact(dr.debitsPosted, p.amount());
            cr.creditsPosted = Math.addExact(cr.creditsPosted, p.amount());
        }
        l.batch.putRecord(p.withStatus(commit ? PendingStatus.posted : PendingStatus.voided), false);
        l.batch.event(dr, ts, p.id(), BalanceEvent.Kind.resolved);
        l.batch.event(cr, ts, p.id(), BalanceEvent.Kind.resolved);
    }
}
