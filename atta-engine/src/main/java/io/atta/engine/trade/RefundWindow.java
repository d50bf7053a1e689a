package io.atta.engine.trade;

import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeStatus;

/**
 * The refund window of an instant trade: it opens at payment, which pays the seller at once, and
 * while it is open the seller may refund the trade ({@code TRADE_SUCCESS}); when it ends the trade
 * is {@code TRADE_FINISHED} and no new refund is taken. Its end goes into the book's queue of time
 * rules, as the confirm clock's deadline does.
 *
 * <p>A refund request the buyer made while it was open outlives it: the seller may still agree,
 * and the request is still granted if left unanswered, since it was asked in time.
 */
final class RefundWindow {
    private static final long ns = 1_000_000_000L;

    private final TradeBook book;
    private final TradeOutbox outbox;

    RefundWindow(TradeBook book, TradeOutbox outbox) {
        this.book = book;
        this.outbox = outbox;
    }

    /** Opens the window of a trade paid (and released) at {@code paidAt}. */
    void open(Trade t, long paidAt, long seconds) {
        t.refundWindowEndsAt = paidAt + seconds * ns;
        book.due.add(due(t));
    }

    /** True when the trade can no longer be refunded because its window ended. */
    static boolean ended(Trade t) {
        return t.kind == TradeKind.instant && t.status == TradeStatus.TRADE_FINISHED;
    }

    /**
     * Takes the window's end out of the queue of time rules: a refund of everything closed the
     * trade first. The trade keeps the time its window would have ended.
     */
    void drop(Trade t) {
        if (t.refundWindowEndsAt != 0) {
            book.due.remove(due(t));
        }
    }

    /** Ends the window due at {@code at} if the trade still waits for it; true if it did. */
    boolean end(Trade t, long at, long ts) {
        if (t.status != TradeStatus.TRADE_SUCCESS || t.refundWindowEndsAt != at) {
            return false;
        }
        t.status = TradeStatus.TRADE_FINISHED;
        t.finishedAt = ts;
        outbox.event(t, ts, TradeEventType.refund_window_ended, 0, 0, "");
        return true;
    }

    private static TradeBook.Due due(Trade t) {
        return new TradeBook.Due(t.refundWindowEndsAt, t.tradeNo, TradeBook.DueKind.refundWindowEnd, 0);
    }
}
