package io.atta.engine.trade;

import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trade and refund state machines, checked at every event of a trade's timeline (see
 * {@code io.atta.engine.ledger.Invariants} for how invariant checks run: only under {@code -ea}).
 * Every change of a trade's or a refund's status is told by an event, so the event and the status
 * it leaves must agree, and the status before (the one the previous event left) must lead to it.
 */
final class TradeInvariants {
    /** Where each trade status may go next (itself included: most events leave the status as it is). */
    private static final Map<TradeStatus, Set<TradeStatus>> tradeMoves = new EnumMap<>(Map.of(
            TradeStatus.WAIT_BUYER_PAY, EnumSet.of(TradeStatus.WAIT_BUYER_PAY, TradeStatus.WAIT_SELLER_SEND_GOODS,
                    TradeStatus.TRADE_SUCCESS, TradeStatus.TRADE_CLOSED),
            TradeStatus.WAIT_SELLER_SEND_GOODS, EnumSet.of(TradeStatus.WAIT_SELLER_SEND_GOODS,
                    TradeStatus.WAIT_BUYER_CONFIRM_GOODS, TradeStatus.TRADE_CLOSED),
            TradeStatus.WAIT_BUYER_CONFIRM_GOODS, EnumSet.of(TradeStatus.WAIT_BUYER_CONFIRM_GOODS,
                    TradeStatus.TRADE_FINISHED, TradeStatus.TRADE_CLOSED),
            TradeStatus.TRADE_SUCCESS, EnumSet.of(TradeStatus.TRADE_SUCCESS, TradeStatus.TRADE_FINISHED,
                    TradeStatus.TRADE_CLOSED),
            TradeStatus.TRADE_FINISHED, EnumSet.of(TradeStatus.TRADE_FINISHED, TradeStatus.TRADE_CLOSED),
            TradeStatus.TRADE_CLOSED, EnumSet.noneOf(TradeStatus.class)));

    /** Where each refund status may go next; the ends go nowhere. */
    private static final Map<RefundStatus, Set<RefundStatus>> refundMoves = new EnumMap<>(Map.of(
            RefundStatus.requested, EnumSet.of(RefundStatus.rejected, RefundStatus.cancelled, RefundStatus.disputed,
                    RefundStatus.refunded),
            RefundStatus.rejected, EnumSet.of(RefundStatus.disputed),
            RefundStatus.disputed, EnumSet.of(RefundStatus.denied, RefundStatus.refunded, RefundStatus.cancelled),
            RefundStatus.refunded, EnumSet.noneOf(RefundStatus.class),
            RefundStatus.denied, EnumSet.noneOf(RefundStatus.class),
            RefundStatus.cancelled, EnumSet.noneOf(RefundStatus.class)));

    private static final Set<TradeStatus> paid = EnumSet.of(TradeStatus.WAIT_SELLER_SEND_GOODS,
            TradeStatus.WAIT_BUYER_CONFIRM_GOODS, TradeStatus.TRADE_SUCCESS, TradeStatus.TRADE_FINISHED);

    private TradeInvariants() {
    }

    /**
     * Checks the event just added to {@code t}'s timeline against the trade's status now and the
     * status the previous event left. Returns true, so that it is called as {@code assert}; a broken
     * rule throws AssertionError.
     */
    static boolean eventAdded(Trade t) {
        List<TradeEvent> events = t.events;
        TradeEvent e = events.get(events.size() - 1);
        Set<TradeStatus> now = statusesAfter(e.type());
        check(now.contains(t.status), t, "event " + e.type() + " leaves the trade " + t.status);
        if (events.size() > 1) {
            Set<TradeStatus> before = statusesAfter(events.get(events.size() - 2).type());
            boolean reachable = false;
            for (TradeStatus b : before) {
                reachable |= tradeMoves.get(b).contains(t.status);
            }
            check(reachable, t, "no status after " + events.get(events.size() - 2).type() + " leads to "
                    + t.status + " by " + e.type());
        }
        if (e.refundId() != 0) {
            refundMoved(t, e);
        }
        return true;
    }

    private static void refundMoved(Trade t, TradeEvent e) {
        Refund r = t.refund(e.refundId());
        RefundStatus expected = refundStatusAfter(e.type());
        check(expected != null, t, "event " + e.type() + " names refund " + e.refundId());
        check(r != null, t, "event " + e.type() + " names refund " + e.refundId() + ", which the trade does not have");
        check(r.status == expected, t, "event " + e.type() + " leaves refund " + e.refundId() + " " + r.status);
        for (int i = t.events.size() - 2; i >= 0; i--) {
            TradeEvent previous = t.events.get(i);
            RefundStatus before = previous.refundId() == e.refundId() ? refundStatusAfter(previous.type()) : null;
            if (before != null) {
                check(refundMoves.get(before).contains(r.status), t, "refund " + e.refundId() + " went from "
                        + before + " to " + r.status);
                return;
            }
        }
    }

    /** The trade statuses an event of this type may leave. */
    private static Set<TradeStatus> statusesAfter(TradeEventType type) {
        return switch (type) {
            case created, bound_to_buyer -> EnumSet.of(TradeStatus.WAIT_BUYER_PAY);
            case paid -> EnumSet.of(TradeStatus.WAIT_SELLER_SEND_GOODS, TradeStatus.TRADE_SUCCESS);
            case shipped, confirm_extended -> EnumSet.of(TradeStatus.WAIT_BUYER_CONFIRM_GOODS);
            case confirmed, auto_confirmed, refund_window_ended -> EnumSet.of(TradeStatus.TRADE_FINISHED);
            case closed, auto_closed -> EnumSet.of(TradeStatus.TRADE_CLOSED);
            case refund_requested, refund_rejected, refund_cancelled, refund_disputed, dispute_denied, refunded,
                 refund_auto_granted -> paid;
        };
    }

    /** The refund status an event of this type leaves its refund in, or null for an event that is not a refund's. */
    private static RefundStatus refundStatusAfter(TradeEventType type) {
        return switch (type) {
            case refund_requested -> RefundStatus.requested;
            case refund_rejected -> RefundStatus.rejected;
            case refund_cancelled -> RefundStatus.cancelled;
            case refund_disputed -> RefundStatus.disputed;
            case dispute_denied -> RefundStatus.denied;
            case refunded, refund_auto_granted -> RefundStatus.refunded;
            default -> null;
        };
    }

    private static void check(boolean holds, Trade t, String what) {
        if (!holds) {
            throw new AssertionError("invariant broken: trade " + t.tradeNo + ": " + what);
        }
    }
}
