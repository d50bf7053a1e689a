package io.atta.server.notify;

import io.atta.engine.gateway.GatewayNotice;
import io.atta.engine.trade.Merchant;
import io.atta.engine.trade.Notification;

/**
 * One delivery of a notification from a shard's outbox to its merchant.
 *
 * @param shard        the shard whose outbox holds it
 * @param notification the outbox record as read
 * @param gateway      what an Alipay gateway notification renders (from the gateway's outbox), or
 *                     null for a webhook (from the trades' outbox)
 * @param merchant     its merchant's record
 */
public record Delivery(int shard, Notification notification, GatewayNotice gateway, Merchant merchant) {
    /** A webhook's delivery. */
    public Delivery(int shard, Notification notification, Merchant merchant) {
        this(shard, notification, null, merchant);
    }

    /**
     * The notification's id, the same on every delivery of it: {@code evt_<shard>_<seq>}. Seqs
     * are per shard outbox, so the shard makes it unique on the platform.
     */
    public String eventId() {
        return "evt_" + shard + "_" + notification.seq();
    }

    /** Which delivery this is: 1 for the first. */
    public int number() {
        return notification.attempts() + 1;
    }
}
