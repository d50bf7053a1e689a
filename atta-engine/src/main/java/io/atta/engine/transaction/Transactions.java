package io.atta.engine.transaction;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.FinishTransaction;
import io.atta.core.command.PrepareTransaction;
import io.atta.core.command.ResolveTransaction;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ActiveTransaction;
import io.atta.engine.ledger.CrossShardLedger;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.PreparedTransaction;
import io.atta.engine.ledger.TransactionOutcome;
import io.atta.engine.ledger.TransactionState;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.shard.StateDigest;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * One shard's side of cross-shard transactions (docs/ARCHITECTURE.md §5): as coordinator, the record of
 * each transaction it drives; as participant, the pieces it has prepared. A leg d→c whose
 * accounts live on shards X and Y becomes two pieces, pending d→inTransit on X and pending
 * inTransit→c on Y, both with the leg's id; each shard's books stay double-entry, and the
 * decision posts or voids both. A transaction's only participant may be asked to decide it
 * (docs/TRANSACTIONS.md): it then posts its pieces at once, or records its refusal as the
 * transaction's outcome on its own shard.
 *
 * <p>Deterministic like the rest of the ledger: the driver that sends these commands lives in
 * the cluster module, and everything it needs to resume after a crash is here.
 */
final class Transactions {
    private static final int pieceFlags = TransferFlags.pending | TransferFlags.crossShard;

    /** A transaction this shard coordinates, from its begin until it is finished. */
    static final class Coordinated {
        final long txId;
        final long participants;
        final CreateTransfer[] legs;
        final long digest;
        final long beganAt;
        TransactionState state = TransactionState.preparing;
        Result reason = Result.ok;
        int failedLeg = -1;

        Coordinated(long txId, long participants, CreateTransfer[] legs, long digest, long beganAt) {
            this.txId = txId;
            this.participants = participants;
            this.legs = legs;
            this.digest = digest;
            this.beganAt = beganAt;
        }
    }

    /**
     * This shard's prepared pieces of one transaction, until the decision resolves them. The
     * pieces are kept here, not among the open pending transfers: only the decision resolves
     * them, and they have no timeout.
     */
    record Prepared(int coordinator, long txId, TransferRecord[] pieces, long preparedAt) {
    }

    record Key(int coordinator, long txId) {
    }

    private final CrossShardLedger ledger;
    final Long2ObjectHashMap<Coordinated> coordinated = new Long2ObjectHashMap<>(64, 0.65f, false);
    final HashMap<Key, Prepared> prepared = new HashMap<>();

    Transactions(CrossShardLedger ledger) {
        this.ledger = ledger;
    }

    void begin(BeginTransaction b, long ts, Result[] out, int at) {
        CreateTransfer[] legs = b.legs();
        long digest = digest(legs);
        Coordinated active = coordinated.get(b.txId());
        if (active != null) {
            // Decided and still resolving in the background: a repeat answers the decision at once.
            if (active.digest != digest) {
                fill(out, at, legs.length, Result.exists_with_different_fields);
            } else if (active.state == TransactionState.preparing) {
                fill(out, at, legs.length, Result.transaction_in_flight);
            } else if (active.state == TransactionState.committed) {
                fill(out, at, legs.length, Result.exists);
            } else {
                refuse(out, at, legs.length, active.failedLeg, active.reason);
            }
            return;
        }
        TransactionOutcome done = ledger.knownOutcome(b.txId());
        if (done != null) {
            if (done.legsDigest() != digest || done.legCount() != legs.length) {
                fill(out, at, legs.length, Result.exists_with_different_fields);
            } else if (done.committed()) {
                fill(out, at, legs.length, Result.exists);
            } else {
                refuse(out, at, legs.length, done.failedLeg(), done.reason());
            }
            return;
        }
        if (b.txId() != legs[0].id() || !ledger.ownsSlot(Ids.slotOf(legs[0].debitAccountId()))) {
            // The driver routes by the same table; reaching here means the table changed under it.
            refuse(out, at, legs.length, 0, Result.accounts_on_different_shards);
            return;
        }
        TransferRecord[] pieces = prepareLocal(legs, ts, out, at);
        if (pieces == null) {
            return;
        }
        coordinated.put(b.txId(), new Coordinated(b.txId(), b.participants(), legs, digest, ts));
        prepared.put(new Key(ledger.shardId(), b.txId()), new Prepared(ledger.shardId(), b.txId(), pieces, ts));
        fill(out, at, legs.length, Result.ok);
    }

    /**
     * Prepares this shard's pieces and votes. A prepare that {@code decides} (the transaction's
     * only participant) posts them in the same step, or records its refusal as the transaction's
     * outcome here, so that a repeat (a retry, a recovering driver) can only ever answer the
     * same; the coordinator logs the decision it is told, and posts or voids its own pieces,
     * later and off the caller's path.
     */
    void prepare(PrepareTransaction p, long ts, Result[] out, int at) {
        CreateTransfer[] legs = p.legs();
        if (p.decides() && answeredRefusal(p, out, at)) {
            return;
        }
        Key key = new Key(p.coordinator(), p.txId());
        if (prepared.containsKey(key)) {
            if (p.decides()) {
                // Prepared by a driver that only asked for a vote (before a restart into this
                // version): the transaction is still undecided, so this answer decides it.
                resolveLocal(key, true, ts);
            }
            fill(out, at, legs.length, Result.ok);
            return;
        }
        if (answeredBefore(p, out, at)) {
            return;
        }
        TransferRecord[] pieces = prepareLocal(legs, ts, out, at);
        if (pieces == null) {
            if (p.decides()) {
                recordRefusal(p, ts, out, at);
            }
            return;
        }
        if (p.decides()) {
            for (TransferRecord piece : pieces) {
                ledger.resolvePiece(piece, true, ts);
            }
        } else if (pieces.length > 0) {
            prepared.put(key, new Prepared(p.coordinator(), p.txId(), pieces, ts));
        }
        fill(out, at, legs.length, Result.ok);
    }

    /** Answers a deciding prepare whose refusal this shard recorded before; false when there is none. */
    private boolean answeredRefusal(PrepareTransaction p, Result[] out, int at) {
        TransactionOutcome refused = ledger.knownOutcome(p.txId());
        if (refused == null) {
            return false;
        }
        CreateTransfer[] legs = p.legs();
        if (refused.legsDigest() != digest(legs) || refused.legCount() != legs.length) {
            fill(out, at, legs.length, Result.exists_with_different_fields);
        } else {
            refuse(out, at, legs.length, refused.failedLeg(), refused.reason());
        }
        return true;
    }

    /** Records the refusal {@link #prepareLocal} wrote to {@code out} as the transaction's outcome on this shard. */
    private void recordRefusal(PrepareTransaction p, long ts, Result[] out, int at) {
        CreateTransfer[] legs = p.legs();
        int failedLeg = 0;
        while (failedLeg < legs.length - 1 && out[at + failedLeg] == Result.linked_event_failed) {
            failedLeg++;
        }
        ledger.recordOutcome(new TransactionOutcome(p.txId(), digest(legs), legs.length, false,
                out[at + failedLeg], failedLeg, ts));
    }

    /**
     * Answers a prepare whose pieces were resolved already, as it was answered then. Resolved
     * pieces stay in the history: a repeated prepare finds them and votes as before, so it can
     * never prepare a resolved transaction a second time. False when there are none.
     */
    private boolean answeredBefore(PrepareTransaction p, Result[] out, int at) {
        CreateTransfer[] legs = p.legs();
        for (int i = 0; i < legs.length; i++) {
            if (isLocal(legs[i])) {
                TransferRecord r = ledger.findTransfer(legs[i].id());
                if (r != null && isPieceOf(r, legs[i]) && r.pendingId() == p.txId()
                        && r.status() != PendingStatus.pending) {
                    if (r.status() == PendingStatus.posted) {
                        fill(out, at, legs.length, Result.ok);
                    } else {
                        refuse(out, at, legs.length, i, Result.transaction_aborted);
                    }
                    return true;
                }
                return false;
            }
        }
        return false;
    }

    Result decide(DecideTransaction d, long ts) {
        Coordinated c = coordinated.get(d.txId());
        if (c == null) {
            TransactionOutcome done = ledger.knownOutcome(d.txId());
            if (done == null) {
                return Result.transaction_not_found;
            }
            return done.committed() ? Result.ok : Result.transaction_aborted;
        }
        if (c.state == TransactionState.preparing) {
            c.state = d.commit() ? TransactionState.committed : TransactionState.aborted;
            c.reason = d.commit() ? Result.ok : d.reason();
            c.failedLeg = d.commit() ? -1 : d.failedLeg();
            ledger.recordOutcome(new TransactionOutcome(c.txId, c.digest, c.legs.length, d.commit(), c.reason,
                    c.failedLeg, ts));
            resolveLocal(new Key(ledger.shardId(), c.txId), d.commit(), ts);
        }
        return c.state == TransactionState.committed ? Result.ok : Result.transaction_aborted;
    }

    Result resolve(ResolveTransaction r, long ts) {
        resolveLocal(new Key(r.coordinator(), r.txId()), r.commit(), ts);
        return Result.ok;
    }

    Result finish(FinishTransaction f) {
        Coordinated c = coordinated.get(f.txId());
        if (c == null) {
            return Result.ok;
        }
        if (c.state == TransactionState.preparing) {
            return Result.transaction_in_flight;
        }
        coordinated.remove(f.txId());
        return Result.ok;
    }

    private void resolveLocal(Key key, boolean commit, long ts) {
        Prepared p = prepared.remove(key);
        if (p != null) {
            for (TransferRecord piece : p.pieces()) {
                ledger.resolvePiece(piece, commit, ts);
            }
        }
    }

    /**
     * Applies this shard's pieces of the legs, all or nothing. Returns their records, or null
     * when a piece was refused (the refusal is then written to {@code out}).
     */
    private TransferRecord[] prepareLocal(CreateTransfer[] legs, long ts, Result[] out, int at) {
        List<CreateTransfer> pieces = new ArrayList<>(legs.length);
        List<CreateTransfer> pieceLegs = new ArrayList<>(legs.length);
        int[] legOf = new int[legs.length];
        for (int i = 0; i < legs.length; i++) {
            CreateTransfer leg = legs[i];
            Result invalid = legRule(leg);
            if (invalid != Result.ok) {
                refuse(out, at, legs.length, i, invalid);
                return null;
            }
            boolean debitHere = ledger.ownsSlot(Ids.slotOf(leg.debitAccountId()));
            boolean creditHere = ledger.ownsSlot(Ids.slotOf(leg.creditAccountId()));
            if (!debitHere && !creditHere) {
                continue;
            }
            long inTransit = HouseAccount.inTransit.id(ledger.homeSlot(), Currency.ofLedger(leg.ledger()));
            legOf[pieces.size()] = i;
            pieces.add(new CreateTransfer(leg.id(), debitHere ? leg.debitAccountId() : inTransit,
                    creditHere ? leg.creditAccountId() : inTransit, leg.amount(), leg.ledger(), leg.code(),
                    pieceFlags, 0, 0, leg.userData(), debitHere ? leg.actingUserId() : 0));
            pieceLegs.add(leg);
        }
        Result[] failure = new Result[1];
        TransferRecord[] records = new TransferRecord[pieces.size()];
        int failed = ledger.applyPieces(legs[0].id(), pieces, pieceLegs, ts, failure, records);
        if (failed >= 0) {
            refuse(out, at, legs.length, legOf[failed], failure[0]);
            return null;
        }
        return records;
    }

    /** What a leg must be before any shard makes pieces of it: a plain transfer in a known currency. */
    private static Result legRule(CreateTransfer leg) {
        if ((leg.flags() & (TransferFlags.pending | TransferFlags.postPending | TransferFlags.voidPending)) != 0) {
            return Result.cross_shard_pending_not_supported;
        }
        if ((leg.flags() & ~TransferFlags.linked) != 0) {
            return Result.flags_unknown;
        }
        if (leg.pendingId() != 0) {
            return Result.pending_id_must_be_zero;
        }
        if (leg.timeoutSeconds() != 0) {
            return Result.timeout_reserved_for_pending_transfer;
        }
        if (Currency.ofLedger(leg.ledger()) == null) {
            return Result.currency_mismatch;
        }
        return Result.ok;
    }

    private boolean isLocal(CreateTransfer leg) {
        return ledger.ownsSlot(Ids.slotOf(leg.debitAccountId()))
                || ledger.ownsSlot(Ids.slotOf(leg.creditAccountId()));
    }

    private static boolean isPieceOf(TransferRecord r, CreateTransfer leg) {
        return (r.flags() & TransferFlags.crossShard) != 0 && r.requestedDebit() == leg.debitAccountId()
                && r.requestedCredit() == leg.creditAccountId() && r.amount() == leg.amount()
                && r.ledger() == leg.ledger() && r.code() == leg.code() && r.userData() == leg.userData();
    }

    private static void fill(Result[] out, int at, int n, Result r) {
        Arrays.fill(out, at, at + n, r);
    }

    /** A refused transaction answers like a failed linked chain: the reason at its leg, the rest failed with it. */
    private static void refuse(Result[] out, int at, int n, int failedLeg, Result reason) {
        fill(out, at, n, Result.linked_event_failed);
        out[at + Math.max(0, Math.min(failedLeg, n - 1))] = reason;
    }

    /** Identifies a list of legs: equal digests mean a retry of the same request. */
    static long digest(CreateTransfer[] legs) {
        long h = legs.length;
        for (CreateTransfer t : legs) {
            h = StateDigest.mix(h, t.id());
            h = StateDigest.mix(h, t.debitAccountId());
            h = StateDigest.mix(h, t.creditAccountId());
            h = StateDigest.mix(h, t.amount());
            h = StateDigest.mix(h, ((long) t.ledger() << 32) | t.code());
            h = StateDigest.mix(h, ((long) t.flags() << 32) | t.timeoutSeconds());
            h = StateDigest.mix(h, t.pendingId());
            h = StateDigest.mix(h, t.userData());
        }
        return h;
    }

    // ---- Reads ----

    List<ActiveTransaction> active() {
        List<ActiveTransaction> out = new ArrayList<>(coordinated.size());
        for (Coordinated c : coordinated.values()) {
            out.add(new ActiveTransaction(c.txId, c.participants, c.legs, c.state, c.reason, c.failedLeg,
                    c.beganAt));
        }
        return out;
    }

    List<PreparedTransaction> preparedElsewhere() {
        List<PreparedTransaction> out = new ArrayList<>();
        for (Prepared p : prepared.values()) {
            if (p.coordinator() != ledger.shardId()) {
                out.add(new PreparedTransaction(p.coordinator(), p.txId(), p.preparedAt()));
            }
        }
        return out;
    }
}
