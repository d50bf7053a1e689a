package io.atta.engine.gateway;

import io.atta.engine.trade.Notification;

/**
 * An Alipay gateway notification waiting in the gateway's outbox: the event and its delivery as
 * any merchant notification has them, and what the gateway's format needs besides.
 *
 * @param notification what happened and where its delivery stands; its status is the one Alipay
 *                     tells (for a refund that left nothing to refund, {@code TRADE_CLOSED}: the
 *                     trade closes in the same command, and Alipay tells that refund so)
 * @param notice       what the notification renders, read from the trade when the event happened
 */
public record GatewayNotification(Notification notification, GatewayNotice notice) {
    public long seq() {
        return notification.seq();
    }

    public long nextAttemptAt() {
        return notification.nextAttemptAt();
    }
}
