package io.atta.engine.trade;

import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;

/**
 * A trade's timeline and its merchant's notifications: every event goes into the trade's
 * timeline and, when the merchant wants them, into the shard's outbox in the same command, so a
 * notification is exactly as durable as what it tells. Deliveries are recorded here too.
 */
final class TradeOutbox {
    private final TradeBook book;

    TradeOutbox(TradeBook book) {
        this.book = book;
    }

    /** Adds an event to the trade's timeline and notifies its merchant of it, with the trade's status now. */
    void event(Trade t, long ts, TradeEventType type, long refundId, long amount, String note) {
        t.events.add(new TradeEvent(ts, type, refundId, amount, note));
        notify(t.notifyMerchant, t.merchantId, t.tradeNo, t.outTradeNo, type, t.status, refundId, amount, t.ledger, ts);
    }

    /** Queues a notification of an event, if the merchant wants them. */
    void notify(boolean wanted, long merchantId, long tradeNo, String outTradeNo, TradeEventType type,
                        TradeStatus status, long refundId, long amount, int ledger, long ts) {
        if (!wanted) {
            return;
        }
        long seq = book.nextNotificationSeq++;
        book.putNotification(new Notification(seq, merchantId, tradeNo, outTradeNo, type, status, refundId, amount,
                ledger, ts, 0, ts));
    }

    /** Records a delivery attempt: delivered or abandoned leaves the outbox, retry counts the attempt. */
    Result recordDelivery(RecordDelivery d) {
        Notification n = book.outbox.get(d.seq());
        if (n == null) {
            return Result.notification_not_found;
        }
        switch (d.outcome()) {
            case delivered -> book.removeNotification(d.seq());
            case abandoned -> {
                book.removeNotification(d.seq());
                book.abandonedNotifications++;
            }
            case retry -> book.putNotification(new Notification(n.seq(), n.merchantId(), n.tradeNo(),
                    n.outTradeNo(), n.event(), n.status(), n.refundId(), n.amount(), n.ledger(), n.at(),
                    n.attempts() + 1, d.nextAttemptAt()));
            default -> throw new IllegalStateException("unknown outcome " + d.outcome());
        }
        return Result.ok;
    }
}
