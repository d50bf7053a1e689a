package io.atta.engine.trade;

import io.atta.core.command.Result;
import io.atta.core.command.TradeAction;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;

/**
 * Refunds and disputes of a paid trade (docs/TRADES.md, "Refunds and disputes"): the buyer asks,
 * the seller agrees or rejects, an unanswered request is granted at its deadline, a requested
 * or rejected one can be escalated to a dispute the operator decides. One request may be open at
 * a time; while one is, the confirm clock stands still. The seller may also refund at once,
 * without a request (the Alipay gateway's refund), while no request is open.
 */
final class RefundRules {
    private static final long ns = 1_000_000_000L;

    private final TradeBook book;
    private final TradeMoney money;
    private final ConfirmClock clock;
    private final TradeOutbox outbox;
    private final RefundWindow window;

    RefundRules(TradeBook book, TradeMoney money, ConfirmClock clock, TradeOutbox outbox, RefundWindow window) {
        this.book = book;
        this.money = money;
        this.clock = clock;
        this.outbox = outbox;
        this.window = window;
    }

    Result requestRefund(Trade t, TradeAction a, long ts) {
        if (!TradeCommands.isBuyer(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund same = t.refund(a.refundId());
        if (same != null) {
            return same.amount == a.refundAmount() && same.reason.equals(a.reason()) ? Result.exists
                    : Result.exists_with_different_fields;
        }
        Result refusal = refusal(t, a.refundAmount());
        if (refusal != null) {
            return refusal;
        }
        Refund r = new Refund(a.refundId(), a.outRequestNo(), a.refundAmount(), a.reason(), ts,
                ts + TradeLimits.refundAnswerSeconds * ns);
        t.refunds.add(r);
        book.due.add(new TradeBook.Due(r.answerBy, t.tradeNo, TradeBook.DueKind.refundGrant, r.refundId));
        clock.pause(t, ts);
        outbox.event(t, ts, TradeEventType.refund_requested, r.refundId, r.amount, r.reason);
        return Result.ok;
    }

    /**
     * Why a new refund of {@code amount} cannot be taken, or null if it can: the trade is closed,
     * its refund window ended, a request is open, it has had too many, or the amount is not one
     * that is left.
     */
    private static Result refusal(Trade t, long amount) {
        if (t.status == TradeStatus.TRADE_CLOSED) {
            return Result.trade_closed;
        }
        if (RefundWindow.ended(t)) {
            return Result.refund_window_ended;
        }
        if (t.openRefund() != null) {
            return Result.refund_in_progress;
        }
        if (t.refunds.size() >= TradeLimits.maxRefundsPerTrade) {
            return Result.too_many_refunds;
        }
        if (amount <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (amount > t.refundable()) {
            return Result.refund_exceeds_remaining;
        }
        return null;
    }

    /**
     * The seller gives {@code amount} back at once (TradeOp.refund): from the hold before release,
     * else from its receivable with the fee's share. A refund id the trade has is a repeat, whatever
     * the amount: the gateway answers a repeated out_request_no with the refund it stored, as
     * Alipay does, so this moves nothing and says {@code exists}.
     */
    Result sellerRefund(Trade t, TradeAction a, long ts) {
        if (!TradeCommands.isSeller(t, a)) {
            return Result.trade_party_invalid;
        }
        if (t.refund(a.refundId()) != null) {
            return Result.exists;
        }
        Result refusal = refusal(t, a.refundAmount());
        if (refusal != null) {
            return refusal;
        }
        if (!money.canGiveBack(t, a.refundAmount())) {
            return Result.account_closed;
        }
        Refund r = new Refund(a.refundId(), a.outRequestNo(), a.refundAmount(), a.reason(), ts, 0);
        t.refunds.add(r);
        refund(t, r, ts, TradeEventType.refunded, false);
        return Result.ok;
    }

    Result agreeRefund(Trade t, TradeAction a, long ts) {
        if (!TradeCommands.isSeller(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund r = t.refund(a.refundId());
        if (r == null) {
            return Result.refund_not_found;
        }
        if (r.status == RefundStatus.refunded) {
            return Result.exists;
        }
        if (r.status != RefundStatus.requested) {
            return Result.refund_status_invalid;
        }
        if (!money.canGiveBack(t, r.amount)) {
            return Result.account_closed;
        }
        refund(t, r, ts, TradeEventType.refunded, false);
        return Result.ok;
    }
    Result rejectRefund(Trade t, TradeAction a, long ts) {
        if (!TradeCommands.isSeller(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund r = t.refund(a.refundId());
        if (r == null) {
            return Result.refund_not_found;
        }
        if (r.status == RefundStatus.rejected) {
            return Result.exists;
        }
        if (r.status != RefundStatus.requested) {
            return Result.refund_status_invalid;
        }
        r.status = RefundStatus.rejected;
        r.sellerReason = a.reason();
        clock.resume(t, ts);
        outbox.event(t, ts, TradeEventType.refund_rejected, r.refundId, 0, r.sellerReason);
        return Result.ok;
    }
    Result cancelRefund(Trade t, TradeAction a, long ts) {
        if (!TradeCommands.isBuyer(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund r = t.refund(a.refundId());
        if (r == null) {
            return Result.refund_not_found;
        }
        if (r.status == RefundStatus.cancelled) {
            return Result.exists;
        }
        if (!r.status.open()) {
            return Result.refund_status_invalid;
        }
        r.status = RefundStatus.cancelled;
        r.resolvedAt = ts;
        clock.resume(t, ts);
        outbox.event(t, ts, TradeEventType.refund_cancelled, r.refundId, 0, "");
        return Result.ok;
    }
    Result dispute(Trade t, TradeAction a, long ts) {
        if (!TradeCommands.isBuyer(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund r = t.refund(a.refundId());
        if (r == null) {
            return Result.refund_not_found;
        }
        if (r.status == RefundStatus.disputed) {
            return Result.exists;
        }
        if (r.status != RefundStatus.requested && r.status != RefundStatus.rejected) {
            return Result.refund_status_invalid;
        }
        if (r.status == RefundStatus.rejected) {
            if (t.status == TradeStatus.TRADE_CLOSED) {
                return Result.trade_closed;
            }
            if (t.openRefund() != null) {
                return Result.refund_in_progress;
            }
            if (r.amount > t.refundable()) {
                return Result.refund_exceeds_remaining;
            }
        }
        r.status = RefundStatus.disputed;
        clock.pause(t, ts);
        outbox.event(t, ts, TradeEventType.refund_disputed, r.refundId, r.amount, a.reason());
        return Result.ok;
    }
    Result decideDispute(Trade t, TradeAction a, long ts) {
        if (a.actingUserId() != 0) {
            return Result.trade_party_invalid;
        }
        Refund r = t.refund(a.refundId());
        if (r == null) {
            return Result.refund_not_found;
        }
        boolean forBuyer = a.decidedForBuyer();
        if (r.status == RefundStatus.refunded && forBuyer || r.status == RefundStatus.denied && !forBuyer) {
            return Result.exists;
        }
        if (r.status != RefundStatus.disputed) {
            return Result.refund_status_invalid;
        }
        if (forBuyer) {
            if (!money.canGiveBack(t, r.amount)) {
                return Result.account_closed;
            }
            refund(t, r, ts, TradeEventType.refunded, false);
        } else {
            r.status = RefundStatus.denied;
            r.resolvedAt = ts;
            r.sellerReason = a.reason().isEmpty() ? r.sellerReason : a.reason();
            clock.resume(t, ts);
            outbox.event(t, ts, TradeEventType.dispute_denied, r.refundId, 0, a.reason());
        }
        return Result.ok;
    }

    /** Carries out a refund: the money back, the request done, the trade closed if nothing is left of it. */
    private void refund(Trade t, Refund r, long ts, TradeEventType why, boolean byTimeout) {
        money.giveBack(t, r.amount, ts);
        r.status = RefundStatus.refunded;
        r.resolvedAt = ts;
        r.byTimeout = byTimeout;
        outbox.event(t, ts, why, r.refundId, r.amount, "");
        if (t.refunded == t.amount) {
            t.status = TradeStatus.TRADE_CLOSED;
            t.closedAt = ts;
            clock.stop(t);
            window.drop(t);
            outbox.event(t, ts, TradeEventType.closed, 0, 0, "refunded in full");
        } else {
            clock.resume(t, ts);
        }
    }

    /**
     * Grants a request the seller left unanswered until its deadline {@code answerBy}, if it still
     * waits for that; one that cannot be carried out stays requested (the seller may still
     * answer it). True if it was granted.
     */
    boolean grantUnanswered(Trade t, long refundId, long answerBy, long ts) {
        Refund r = t.refund(refundId);
        if (r == null || r.status != RefundStatus.requested || r.answerBy != answerBy) {
            return false;
        }
        if (r.amount > t.refundable() || !money.canGiveBack(t, r.amount)) {
            return false;
        }
        refund(t, r, ts, TradeEventType.refund_auto_granted, true);
        return true;
    }
}
