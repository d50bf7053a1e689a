package io.atta.engine.trade;

import io.atta.core.audit.EventTypes;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeChange;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.shard.BatchEvents;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
    private final BatchEvents journal;
    private NotifyUrlHook hook = NotifyUrlHook.none;

    TradeOutbox(TradeBook book, BatchEvents journal) {
        this.book = book;
        this.journal = journal;
    }

    /**
     * Adds an event to a trade's or order's timeline and to the batch's journal (a trade event,
     * docs/AUDIT.md): {@code tradeNo u64, merchantId u64, at u64, type u8, refundId u64, amount
     * u64, ledger u32, note (u16 length, UTF-8)}.
     */
    void timeline(List<TradeEvent> events, long tradeNo, long merchantId, int ledger, TradeEvent e) {
        events.add(e);
        if (journal.active()) {
            byte[] note = e.note().getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = journal.open(EventTypes.tradeEvent, 8 + 8 + 8 + 1 + 8 + 8 + 4 + 2 + note.length);
            b.putLong(tradeNo).putLong(merchantId).putLong(e.at()).put((byte) e.type().code()).putLong(e.refundId())
                    .putLong(e.amount()).putInt(ledger).putShort((short) note.length).put(note);
            journal.close(b);
        }
    }

    void hook(NotifyUrlHook hook) {
        this.hook = hook;
    }

    /** Adds an event to the trade's timeline and notifies it, with the trade's status now. */
    void event(Trade t, long ts, TradeEventType type, long refundId, long amount, String note) {
        timeline(t.events, t.tradeNo, t.merchantId, t.ledger, new TradeEvent(ts, type, refundId, amount, note));
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
        timeline(o.events, o.tradeNo, o.merchantId, o.ledger, new TradeEvent(ts, type, 0, 0, note));
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
