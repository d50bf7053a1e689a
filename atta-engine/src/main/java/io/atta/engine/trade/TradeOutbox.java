package io.atta.engine.trade;

import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeChange;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;

/**
 * A trade's timeline and its notifications: every event goes into the trade's timeline and, when
 * someone wants it, into an outbox in the same command, so a notification is exactly as durable
 * as what it tells. Deliveries are recorded here too.
 *
 * <p>Who wants an event: a trade with a notify_url (an Alipay gateway order) is notified by the
 * {@link NotifyUrlHook} (the gateway module, into its own outbox) of the events it notifies, and
 * of nothing else; the merchant's webhooks are not sent for it, so that a merchant does not hear
 * of one trade twice in two formats. Any other trade notifies its merchant's webhooks of every
 * event, if the merchant asked for them. Both outboxes take their numbers from this one sequence.
 */
final class TradeOutbox {
    private final TradeBook book;
    private NotifyUrlHook hook = NotifyUrlHook.none;

    TradeOutbox(TradeBook book) {
        this.book = book;
    }

    void hook(NotifyUrlHook hook) {
        this.hook = hook;
    }

    /** Adds an event to the trade's timeline and notifies it, with the trade's status now. */
    void event(Trade t, long ts, TradeEventType type, long refundId, long amount, String note) {
        t.events.add(new TradeEvent(ts, type, refundId, amount, note));
        assert TradeInvariants.eventAdded(t);
        book.archive.store().changed(TradeChange.kind, t.tradeNo, new TradeChange(t.tradeNo, t.merchantId,
                t.outTradeNo, t.buyerUserId, t.amount, t.ledger, t.status, type, refundId, amount, t.refunded, t.fee,
                t.feeRefunded, t.released, t.settlementAccountId, ts).encode());
        if (!t.notifiesGateway()) {
            webhook(t.notifyMerchant, t.merchantId, t.tradeNo, t.outTradeNo, type, t.status, refundId, amount,
                    t.ledger, ts);
        } else if (hook.notifies(type)) {
            Refund r = refundId == 0 ? null : t.refund(refundId);
            hook.queue(book.nextNotificationSeq++, new NotifyUrlEvent(t.tradeNo, t.merchantId, t.outTradeNo, type,
                    t.status, refundId, amount, t.ledger, ts, t.appId, t.notifyUrl, t.subject, t.buyerUserId,
                    t.amount, t.createdAt, t.paidAt, t.refunded, r == null ? "" : r.outRequestNo));
        }
    }

    /** Adds an event to an order's timeline and notifies it, closed as it is: its merchant's webhooks only. */
    void orderEvent(Order o, long ts, TradeEventType type, String note) {
        o.events.add(new TradeEvent(ts, type, 0, 0, note));
        // An unpaid order's close is not among the events the gateway notifies, and a gateway
        // order's merchant gets no webhooks: such an order notifies no one of it.
        webhook(o.notifyMerchant && !o.notifiesGateway(), o.merchantId, o.tradeNo, o.outTradeNo, type,
                TradeStatus.TRADE_CLOSED, 0, 0, o.ledger, ts);
    }

    /** Queues a webhook notification of an event, if the merchant wants them. */
    private void webhook(boolean wanted, long merchantId, long tradeNo, String outTradeNo, TradeEventType type,
                         TradeStatus status, long refundId, long amount, int ledger, long ts) {
        if (wanted) {
            book.putNotification(new Notification(book.nextNotificationSeq++, merchantId, tradeNo, outTradeNo,
                    type, status, refundId, amount, ledger, ts, 0, ts));
        }
    }

    /** Records a delivery attempt: delivered or abandoned leaves the outbox, retry counts the attempt. */
    Result recordDelivery(RecordDelivery d) {
        Notification n = book.outbox.get(d.seq());
        if (n == null) {
            // The gateway's, if any: abandoned notifications are counted here, of both outboxes.
            Result r = hook.recordDelivery(d);
            if (r == Result.ok && d.outcome() == RecordDelivery.Outcome.abandoned) {
                book.abandonedNotifications++;
            }
            return r;
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
