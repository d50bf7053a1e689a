package io.atta.engine.trade;

import io.atta.core.trade.TradeStatus;

/**
 * The auto-confirm clock of a shipped trade: it starts at shipment with the goods type's time,
 * stops while a refund request is open (keeping what is left of it), starts again when none is,
 * and may be extended once by the seller. Its deadline goes into the book's queue of time rules.
 */
final class ConfirmClock {
    private static final long ns = 1_000_000_000L;

    private final TradeBook book;

    ConfirmClock(TradeBook book) {
        this.book = book;
    }

    /** Starts the clock at shipment, stopped if a refund request is open. */
    void start(Trade t, long ts) {
        long clock = t.goodsType.autoConfirmSeconds() * ns;
        if (t.openRefund() != null) {
            t.confirmPausedRemaining = clock;
        } else {
            setConfirmAt(t, ts + clock);
        }
    }

    /** Moves the deadline {@code seconds} later, running or stopped. */
    void extend(Trade t, long seconds) {
        if (t.confirmAt != 0) {
            setConfirmAt(t, t.confirmAt + seconds * ns);
        } else {
            t.confirmPausedRemaining += seconds * ns;
        }
    }

    /** Stops a running clock, keeping what is left of it. */
    void pause(Trade t, long ts) {
        if (t.status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS && t.confirmAt != 0) {
            t.confirmPausedRemaining = Math.max(1, t.confirmAt - ts);
            dropDue(t);
            t.confirmAt = 0;
        }
    }

    /** Starts a stopped clock again once no refund request is open. */
    void resume(Trade t, long ts) {
        if (t.status == TradeStatus.WAIT_BUYER_CONFIRM_GOODS && t.confirmAt == 0 && t.openRefund() == null
                && t.confirmPausedRemaining > 0) {
            setConfirmAt(t, ts + t.confirmPausedRemaining);
        }
    }

    /**
     * Stops the clock for good: the trade was confirmed or closed. Its deadline leaves the queue of
     * time rules (it would be skipped when due, but a finished trade must leave nothing behind in
     * the heap for days).
     */
    void stop(Trade t) {
        dropDue(t);
        t.confirmAt = 0;
        t.confirmPausedRemaining = 0;
    }

    private void dropDue(Trade t) {
        if (t.confirmAt != 0) {
            book.due.remove(new TradeBook.Due(t.confirmAt, t.tradeNo, TradeBook.DueKind.autoConfirm, 0));
        }
    }

    private void setConfirmAt(Trade t, long at) {
        dropDue(t);
        t.confirmAt = at;
        t.confirmPausedRemaining = 0;
        book.due.add(new TradeBook.Due(at, t.tradeNo, TradeBook.DueKind.autoConfirm, 0));
    }
}
