package io.atta.engine.ledger;

import io.atta.core.AccountFlags;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.TransferFlags;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;

/**
 * The ledger's rules for transfers: validating a transfer, moving its amount or posting or
 * voiding the pending transfer it names, answering a retry, and expiring pending transfers on a
 * tick. Part of the {@link LedgerModule}'s apply (same thread, same state), like
 * {@link AccountCommands}. A change made with {@code undoable} set is logged in the batch's
 * undo log, so that a linked chain or a transaction's pieces can be taken back when one fails.
 */
final class TransferCommands {
    private static final int resolveFlags = TransferFlags.postPending | TransferFlags.voidPending;
    private static final int kindFlags = TransferFlags.pending | resolveFlags;

    private TransferCommands() {
    }

    /**
     * Applies a transfer, or posts or voids the pending transfer it names.
     *
     * @param undoable whether to log the changes, for a linked chain or a transaction's pieces that
     *                 may yet be rolled back
     * @param leg for a piece of a cross-shard transfer, the leg it is part of (the piece may carry
     *            the {@code crossShard} flag and records the leg's accounts as requested); else null
     * @param pieceTxId for a piece, the transaction it belongs to; unused otherwise
     */
    static Result createTransfer(LedgerModule l, CreateTransfer t, long ts, boolean undoable, CreateTransfer leg,
                                 long pieceTxId) {
        // A pending transfer in the platform's range belongs to a rule of the platform (a trade's
        // hold, a withdrawal): only that rule posts or voids it. Negative ids are the platform's too
        // (trades made them before the platform range existed).
        if (t.id() < 0 || t.pendingId() < 0 || Ids.isPlatformId(t.pendingId())) {
            return Result.transfer_id_reserved;
        }
        return apply(l, t, ts, undoable, leg, pieceTxId, false);
    }

    /**
     * A transfer a platform rule makes under an id the edge derived for its command (a deposit,
     * a withdrawal, the channel's answer to it, an adjustment): checked as a caller's is, except
     * that it may resolve a pending transfer in the platform's range, and posting its own
     * pending transfer ignores a close since (the money was reserved before). Undoable.
     */
    static Result derivedTransfer(LedgerModule l, CreateTransfer t, long ts) {
        if (t.id() <= 0 || t.pendingId() < 0) {
            throw new IllegalArgumentException("a derived transfer has a positive id: " + t);
        }
        return apply(l, t, ts, true, null, 0, true);
    }

    /**
     * A transfer made by the platform's own rules (a trade's hold, its release or refund), with an
     * id in the platform's range ({@link Ids#platformId}) in a slot of this shard. Posting its own
     * pending transfer ignores a close of either account since: the money was reserved before.
     */
    static Result platformTransfer(LedgerModule l, CreateTransfer t, long ts) {
        boolean legacyPending = t.pendingId() < 0;
        if (!Ids.isPlatformId(t.id()) || t.pendingId() != 0 && !legacyPending && !Ids.isPlatformId(t.pendingId())) {
            throw new IllegalArgumentException("a platform transfer has an id and pending id in the platform's range: "
                    + t);
        }
        return apply(l, t, ts, true, null, 0, true);
    }

    private static Result apply(LedgerModule l, CreateTransfer t, long ts, boolean undoable, CreateTransfer leg,
                                long pieceTxId, boolean platform) {
        int f = t.flags();
        if (t.id() == 0) {
            return Result.id_must_not_be_zero;
        }
        // A transfer id carries a slot that its debit account's shard owns, so that an id names one
        // transfer platform-wide (docs/API.md, Transfer ids). A piece holding only the credit side of
        // a leg keeps the leg's id: the debit account's shard checked it. The platform's own ids
        // are derived in a slot of the account they move (a trade's in its buyer's).
        boolean debitSide = leg == null || t.debitAccountId() == leg.debitAccountId();
        if (!platform && debitSide && !l.ownsSlot.test(Ids.slotOf(t.id()))) {
            return Result.transfer_id_not_in_shard_slot;
        }
        if ((f & ~(leg == null ? TransferFlags.all : TransferFlags.all | TransferFlags.crossShard)) != 0) {
            return Result.flags_unknown;
        }
        if (Integer.bitCount(f & kindFlags) > 1) {
            return Result.flags_are_mutually_exclusive;
        }
        boolean resolving = (f & resolveFlags) != 0;
        if (resolving) {
            if (t.pendingId() == 0) {
                return Result.pending_id_must_not_be_zero;
            }
        } else {
            if (t.pendingId() != 0) {
                return Result.pending_id_must_be_zero;
            }
            if (t.debitAccountId() == 0) {
                return Result.debit_account_id_must_not_be_zero;
            }
            if (t.creditAccountId() == 0) {
                return Result.credit_account_id_must_not_be_zero;
            }
            if (t.debitAccountId() == t.creditAccountId()) {
                return Result.accounts_must_be_different;
            }
            if (t.amount() <= 0) {
                return Result.amount_must_not_be_zero;
            }
            if (t.code() == 0) {
                return Result.code_must_not_be_zero;
            }
        }
        if (t.timeoutSeconds() != 0 && (f & TransferFlags.pending) == 0 || t.timeoutSeconds() < 0) {
            return Result.timeout_reserved_for_pending_transfer;
        }
        if (t.timeoutSeconds() > Limits.maxTimeoutSeconds) {
            return Result.timeout_too_large;
        }
        // A user may only debit its own accounts. Checked before the idempotency lookup so
        // that a user cannot learn whether someone else's transfer exists.
        if (t.actingUserId() != 0) {
            long debitId = t.debitAccountId();
            if (debitId == 0 && resolving) {
                TransferRecord p = l.findTransfer(t.pendingId());
                debitId = p == null ? 0 : p.debitAccountId();
            }
            Account debit = l.accounts.get(debitId);
            if (debit == null || debit.ownerUserId != t.actingUserId()) {
                return Result.debit_account_not_owned;
            }
        }
        TransferRecord existing = l.findTransfer(t.id());
        if (existing != null) {
            return sameRequest(existing, t) || heldAsRequested(l, existing, t) ? Result.exists
                    : Result.exists_with_different_fields;
        }
        // Screened: every caller's transfer, and a platform rule's transfer made on a user's
        // authority (a trade's hold, a withdrawal's: the user pays), on the debit side.
        CreateTransfer request = leg == null ? t : leg;
        if ((!platform || t.actingUserId() != 0) && debitSide && !l.screens.isEmpty()) {
            return screened(l, t, ts, undoable, leg, pieceTxId, request, platform);
        }
        return resolving ? resolvePending(l, t, ts, undoable, platform)
                : transfer(l, t, ts, undoable, leg, pieceTxId);
    }

    /**
     * A user-initiated transfer, through the domains' screens (see {@link TransferScreen}): a post
     * or void only if no screen holds its pending transfer; a new transfer refused, held as a
     * pending transfer, or applied, as the strongest screen says.
     */
    private static Result screened(LedgerModule l, CreateTransfer t, long ts, boolean undoable, CreateTransfer leg,
                                   long pieceTxId, CreateTransfer request, boolean platform) {
        long user = request.initiatingUserId();
        if ((t.flags() & resolveFlags) != 0) {
            if (user == 0) {
                return resolvePending(l, t, ts, undoable, platform);
            }
            for (int i = 0; i < l.screens.size(); i++) {
                Result r = l.screens.get(i).mayResolve(t.pendingId(), user);
                if (r != Result.ok) {
                    return r;
                }
            }
            return resolvePending(l, t, ts, undoable, platform);
        }
        TransferScreen.Screening s = l.screening;
        s.reset(request, user, undoable || leg != null || platform, ts);
        for (int i = 0; i < l.screens.size(); i++) {
            l.screens.get(i).screen(s);
        }
        if (s.verdict == TransferScreen.Verdict.refuse) {
            return s.result;
        }
        boolean held = s.verdict == TransferScreen.Verdict.hold;
        CreateTransfer applied = held ? new CreateTransfer(t.id(), t.debitAccountId(), t.creditAccountId(), t.amount(),
                t.ledger(), t.code(), t.flags() | TransferFlags.pending, 0, s.holdSeconds, t.userData(),
                t.actingUserId(), t.context()) : t;
        Result r = transfer(l, applied, ts, undoable, leg, pieceTxId);
        if (r != Result.ok) {
            return r;
        }
        if (s.following) {
            TransferRecord record = l.batch.known.get(t.id());
            for (int i = 0; i < l.screens.size(); i++) {
                l.screens.get(i).applied(s, record, undoable);
            }
        }
        return held ? s.result : Result.ok;
    }

    private static Result transfer(LedgerModule l, CreateTransfer t, long ts, boolean undoable, CreateTransfer leg,
                                   long pieceTxId) {
        if (!l.ownsSlot.test(Ids.slotOf(t.debitAccountId())) || !l.ownsSlot.test(Ids.slotOf(t.creditAccountId()))) {
            return Result.accounts_on_different_shards;
        }
        Account dr = l.accounts.get(t.debitAccountId());
        Account cr = l.accounts.get(t.creditAccountId());
        if (dr == null || cr == null) {
            return Result.account_not_found;
        }
        if (dr.ledger != cr.ledger || t.ledger() != dr.ledger) {
            return Result.currency_mismatch;
        }
        if (dr.isClosed() || cr.isClosed()) {
            return Result.account_closed;
        }
        long amount = t.amount();
        if (overflows(dr.debitsPending, dr.debitsPosted, amount)
                || overflows(cr.creditsPending, cr.creditsPosted, amount)) {
            return Result.overflow;
        }
        if ((dr.flags & AccountFlags.debitsMustNotExceedCredits) != 0
                && dr.debitsPending + dr.debitsPosted + amount > dr.creditsPosted) {
            return Result.insufficient_funds;
        }
        if ((cr.flags & AccountFlags.creditsMustNotExceedDebits) != 0
                && cr.creditsPending + cr.creditsPosted + amount > cr.debitsPosted) {
            return Result.exceeds_debits;
        }
        boolean pending = (t.flags() & TransferFlags.pending) != 0;
        if (undoable) {
            l.batch.saveBalances(dr);
            l.batch.saveBalances(cr);
        }
        if (pending) {
            dr.debitsPending += amount;
            cr.creditsPending += amount;
        } else {
            dr.debitsPosted += amount;
            cr.creditsPosted += amount;
        }
        // A piece names its transaction where a pending transfer's pendingId would be, so that a
        // participant tells a repeat of this transaction from another that reuses a leg.
        TransferRecord r = new TransferRecord(t.id(), dr.id, cr.id, amount, dr.ledger, t.code(), t.flags(),
                leg == null ? 0 : pieceTxId, t.timeoutSeconds(), t.userData(), ts, pending ? PendingStatus.pending : PendingStatus.none,
                leg == null ? t.debitAccountId() : leg.debitAccountId(),
                leg == null ? t.creditAccountId() : leg.creditAccountId(), amount, t.ledger());
        l.batch.putRecord(r, undoable);
        if (pending && leg == null) {
            openPending(l, r, undoable);
        }
        l.batch.event(dr, ts, t.id(), BalanceEvent.Kind.opened);
        l.batch.event(cr, ts, t.id(), BalanceEvent.Kind.opened);
        return Result.ok;
    }

    private static Result resolvePending(LedgerModule l, CreateTransfer t, long ts, boolean undoable,
                                         boolean platform) {
        TransferRecord p = l.findTransfer(t.pendingId());
        if (p == null) {
            return Result.pending_not_found;
        }
        if ((p.flags() & TransferFlags.pending) == 0 || (p.flags() & TransferFlags.crossShard) != 0) {
            // A piece of a cross-shard transfer is resolved by its transaction, never by a caller.
            return Result.pending_transfer_not_pending;
        }
        switch (p.status()) {
            case posted:
                return Result.pending_already_posted;
            case voided:
                return Result.pending_already_voided;
            case expired:
                return Result.pending_expired;
            default:
                break;
        }
        if (t.debitAccountId() != 0 && t.debitAccountId() != p.debitAccountId()
                || t.creditAccountId() != 0 && t.creditAccountId() != p.creditAccountId()) {
            return Result.pending_account_mismatch;
        }
        if (t.ledger() != 0 && t.ledger() != p.ledger()) {
            return Result.currency_mismatch;
        }
        if (p.expiresAt() <= ts) {
            return Result.pending_expired;
        }
        Account dr = l.accounts.get(p.debitAccountId());
        Account cr = l.accounts.get(p.creditAccountId());
        if (dr == null || cr == null) {
            throw new IllegalStateException("pending transfer " + p.id() + " names a missing account");
        }
        boolean post = (t.flags() & TransferFlags.postPending) != 0;
        long amount;
        if (post) {
            amount = t.amount() == 0 ? p.amount() : t.amount();
            if (amount < 0 || amount > p.amount()) {
                return Result.exceeds_pending_amount;
            }
            if (!platform && (dr.isClosed() || cr.isClosed())) {
                return Result.account_closed;
            }
        } else {
            if (t.amount() != 0 && t.amount() != p.amount()) {
                return Result.void_amount_must_match_pending;
            }
            amount = p.amount();
        }
        if (undoable) {
            l.batch.saveBalances(dr);
            l.batch.saveBalances(cr);
        }
        dr.debitsPending -= p.amount();
        cr.creditsPending -= p.amount();
        if (post) {
            dr.debitsPosted += amount;
            cr.creditsPosted += amount;
        }
        TransferRecord r = new TransferRecord(t.id(), dr.id, cr.id, amount, p.ledger(),
                t.code() != 0 ? t.code() : p.code(), t.flags(), p.id(), 0, t.userData(), ts, PendingStatus.none,
                t.debitAccountId(), t.creditAccountId(), t.amount(), t.ledger());
        l.batch.putRecord(r, undoable);
        closePending(l, p, post ? PendingStatus.posted : PendingStatus.voided, undoable);
        l.batch.event(dr, ts, t.id(), BalanceEvent.Kind.resolved);
        l.batch.event(cr, ts, t.id(), BalanceEvent.Kind.resolved);
        return Result.ok;
    }

    /** True when a retried request says what the stored transfer's request said (zero = "from the pending"). */
    private static boolean sameRequest(TransferRecord e, CreateTransfer t) {
        if (e.flags() != t.flags() || e.userData() != t.userData() || e.pendingId() != t.pendingId()) {
            return false;
        }
        if ((t.flags() & resolveFlags) != 0) {
            return e.requestedDebit() == t.debitAccountId() && e.requestedCredit() == t.creditAccountId()
                    && e.requestedAmount() == t.amount() && e.requestedLedger() == t.ledger()
                    && (t.code() == 0 || t.code() == e.code());
        }
        return e.debitAccountId() == t.debitAccountId() && e.creditAccountId() == t.creditAccountId()
                && e.amount() == t.amount() && e.ledger() == t.ledger() && e.code() == t.code()
                && e.timeoutSeconds() == t.timeoutSeconds();
    }

    /**
     * True when {@code e} is the transfer a screen held for this request: a request for a plain
     * transfer recorded as a pending one (with the hold's timeout) by a screen that says it held it.
     */
    private static boolean heldAsRequested(LedgerModule l, TransferRecord e, CreateTransfer t) {
        if ((t.flags() & kindFlags) != 0 || e.flags() != (t.flags() | TransferFlags.pending) || e.pendingId() != 0
                || t.pendingId() != 0 || e.userData() != t.userData() || e.debitAccountId() != t.debitAccountId()
                || e.creditAccountId() != t.creditAccountId() || e.amount() != t.amount() || e.ledger() != t.ledger()
                || e.code() != t.code()) {
            return false;
        }
        for (int i = 0; i < l.screens.size(); i++) {
            if (l.screens.get(i).held(e.id())) {
                return true;
            }
        }
        return false;
    }

    /** Expires every open pending transfer whose timeout has passed by {@code ts}, releasing its amounts. */
    static Result tick(LedgerModule l, long ts) {
        while (!l.expiries.isEmpty() && l.expiries.first().expiresAt() <= ts) {
            LedgerModule.Expiry x = l.expiries.pollFirst();
            TransferRecord p = l.openPending.remove(x.transferId());
            Account dr = l.accounts.get(p.debitAccountId());
            Account cr = l.accounts.get(p.creditAccountId());
            dr.debitsPending -= p.amount();
            cr.creditsPending -= p.amount();
            TransferRecord expired = p.withStatus(PendingStatus.expired);
            l.batch.putRecord(expired, false);
            l.batch.event(dr, ts, p.id(), BalanceEvent.Kind.expired);
            l.batch.event(cr, ts, p.id(), BalanceEvent.Kind.expired);
            l.pendingExpired(expired, ts);
        }
        return Result.ok;
    }

    /** True when {@code pending + posted + amount} does not fit in a long (all three are non-negative). */
    private static boolean overflows(long pending, long posted, long amount) {
        return pending > Long.MAX_VALUE - posted || pending + posted > Long.MAX_VALUE - amount;
    }

    private static void openPending(LedgerModule l, TransferRecord r, boolean undoable) {
        l.openPending.put(r.id(), r);
        LedgerModule.Expiry x = r.timeoutSeconds() == 0 ? null : new LedgerModule.Expiry(r.expiresAt(), r.id());
        if (x != null) {
            l.expiries.add(x);
        }
        if (undoable) {
            l.batch.undo.add(() -> {
                l.openPending.remove(r.id());
                if (x != null) {
                    l.expiries.remove(x);
                }
            });
        }
    }

    private static void closePending(LedgerModule l, TransferRecord p, PendingStatus status, boolean undoable) {
        l.openPending.remove(p.id());
        LedgerModule.Expiry x = p.timeoutSeconds() == 0 ? null : new LedgerModule.Expiry(p.expiresAt(), p.id());
        if (x != null) {
            l.expiries.remove(x);
        }
        l.batch.putRecord(p.withStatus(status), undoable);
        if (undoable) {
            l.batch.undo.add(() -> {
                l.openPending.put(p.id(), p);
                if (x != null) {
                    l.expiries.add(x);
                }
            });
        }
    }}
