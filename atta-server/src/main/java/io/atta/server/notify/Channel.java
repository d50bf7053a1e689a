package io.atta.server.notify;

/**
 * How a notification travels: what a delivery sends and what counts as received, and the waits
 * between deliveries. Atta's JSON webhooks are one channel; the Alipay gateway's
 * {@code trade_status_sync} notifications another.
 */
public record Channel(String name, NotificationFormat format, RetrySchedule schedule) {

    /** Chooses the channel of each notification. */
    @FunctionalInterface
    public interface Chooser {
        Channel of(Delivery d);
    }
}
