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
 * a time; while one is, the confirm clock stands still.
 */
final class RefundRules {
    private static final long ns = 1_000_000_000L;

    private final TradeBook book;
    private final TradeMoney money;
    private final ConfirmClock clock;
    private final TradeOutbox outbox;

    RefundRules(TradeBook book, TradeMoney money, ConfirmClock clock, TradeOutbox outbox) {
        this.book = book;
        this.money = money;
        this.clock = clock;
        this.outbox = outbox;
    }

    Result requestRefund(Trade t, TradeAction a, long ts) {
        if (!TradeCommands.isBuyer(t, a)) {
            return Result.trade_party_invalid;
        }
        Refund same = t.refund(a.refundId());
        if (same != null) {
            return same.amount == a.amount() && same.reason.equals(a.text1()) ? Result.exists
                    : Result.exists_with_different_fields;
        }
        if (t.status == TradeStatus.TRADE_CLOSED) {
            return Result.trade_closed;
        }
        if (t.openRefund() != null) {
            return Result.refund_in_progress;
        }
        if (t.refunds.size() >= TradeLimits.maxRefundsPerTrade) {
            return Result.too_many_refunds;
        }
        if (a.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (a.amount() > t.refundable()) {
            return Result.refund_exceeds_remaining;
        }
        Refund r = new Refund(a.refundId(), a.text2(), a.amount(), a.text1(), ts,
                ts + TradeLimits.refundAnswerSeconds * ns);
        t.refunds.add(r);
        book.due.add(new TradeBook.Due(r.answerBy, t.tradeNo, TradeBook.DueKind.refundGrant, r.refundId));
        clock.pause(t, ts);
        outbox.event(t, ts, TradeEventType.refund_requested, r.refundId, r.amount, r.reason);
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
        r.sellerReason = a.text1();
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
        outbox.event(t, ts, TradeEventType.refund_disputed, r.refundId, r.amount, a.text1());
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
        boolean forBuyer = a.amount() == 1;
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
            r.sellerReason = a.text1().isEmpty() ? r.sellerReason : a.text1();
            clock.resume(t, ts);
            outbox.event(t, ts, TradeEventType.dispute_denied, r.refundId, 0, a.text1());
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
            ConfirmClock.stop(t);
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
