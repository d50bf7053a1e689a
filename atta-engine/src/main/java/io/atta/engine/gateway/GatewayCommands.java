package io.atta.engine.gateway;

import io.atta.core.Ids;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.gateway.CreateApp;
import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.trade.Notification;
import io.atta.engine.trade.NotifyUrlEvent;
import io.atta.engine.trade.TradeBook;

/**
 * The gateway's rules, applied on the shard's apply thread: registering apps, queueing the
 * notifications of trades with a notify_url as the trade module tells their events, and
 * recording their deliveries. Each checks everything first and changes nothing when it refuses.
 */
final class GatewayCommands {
    private final GatewayBook book;
    private final TradeBook trades;

    GatewayCommands(GatewayBook book, TradeBook trades) {
        this.book = book;
        this.trades = trades;
    }

    /** Registers a merchant's app, on the merchant's shard. */
    Result createApp(CreateApp c, long ts) {
        if (c.appId() == 0) {
            return Result.id_must_not_be_zero;
        }
        App existing = book.apps.get(c.appId());
        if (existing != null) {
            boolean same = existing.merchantId() == c.merchantId() && existing.name().equals(c.name())
                    && existing.publicKey().equals(c.publicKey());
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        if (trades.merchant(c.merchantId()) == null) {
            return Result.merchant_not_found;
        }
        if (Ids.slotOf(c.appId()) != Ids.slotOf(c.merchantId())) {
            return Result.app_id_not_in_merchant_slot;
        }
        book.addApp(new App(c.appId(), c.merchantId(), c.name(), c.publicKey(), ts));
        return Result.ok;
    }

    /**
     * The events Alipay's trade_status_sync tells: payment, each refund (the seller's, one agreed,
     * granted by time or decided for the buyer) and the end of the refund window.
     */
    static boolean notifies(TradeEventType type) {
        return switch (type) {
            case paid, refunded, refund_auto_granted, refund_window_ended -> true;
            default -> false;
        };
    }

    /** Queues notification {@code seq} of an event of a trade with a notify_url. */
    void queue(long seq, NotifyUrlEvent e) {
        assert notifies(e.type()) : e;
        GatewayNotice notice = new GatewayNotice(e.appId(), e.notifyUrl(), e.subject(), e.buyerUserId(), e.amount(),
                e.createdAt(), e.paidAt(), e.refundedTotal(), e.refundOutRequestNo());
        // A refund of everything closes the trade in the same command, just after this event:
        // Alipay tells such a refund with the closed status, and no notification follows it.
        TradeStatus status = e.paidAt() != 0 && e.refundedTotal() == e.amount() ? TradeStatus.TRADE_CLOSED
                : e.status();
        Notification n = new Notification(seq, e.merchantId(), e.tradeNo(), e.outTradeNo(), e.type(), status,
                e.refundId(), e.eventAmount(), e.ledger(), e.at(), 0, e.at());
        book.outbox.put(new GatewayNotification(n, notice));
    }

    /**
     * Records a delivery attempt: delivered or abandoned leaves the outbox (the trade module counts
     * the abandoned), retry counts the attempt.
     */
    Result recordDelivery(RecordDelivery d) {
        GatewayNotification g = book.outbox.get(d.seq());
        if (g == null) {
            return Result.notification_not_found;
        }
        Notification n = g.notification();
        switch (d.outcome()) {
            case delivered, abandoned -> book.outbox.remove(d.seq());
            case retry -> book.outbox.put(new GatewayNotification(new Notification(n.seq(), n.merchantId(),
                    n.tradeNo(), n.outTradeNo(), n.event(), n.status(), n.refundId(), n.amount(), n.ledger(), n.at(),
                    n.attempts() + 1, d.nextAttemptAt()), g.notice()));
            default -> throw new IllegalStateException("unknown outcome " + d.outcome());
        }
        return Result.ok;
    }
}
