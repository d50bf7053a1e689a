package io.atta.server.notify;

import java.net.http.HttpRequest;

/**
 * What a delivery sends and what counts as received: the one part of delivery that differs
 * between Atta's own webhooks ({@link WebhookFormat}) and other protocols (such as Alipay's
 * form-encoded, RSA2-signed notifications, answered with {@code success}). The
 * {@link OutboxDispatcher} does the rest: what is due, retries, timeouts, recording outcomes.
 */
public interface NotificationFormat {
    /**
     * The request that delivers {@code d}: address, headers, body. The dispatcher sets the
     * timeout. May throw {@link IllegalArgumentException} for a destination that cannot be
     * used (such as a malformed URL): that delivery counts as failed.
     */
    HttpRequest.Builder request(Delivery d);

    /**
     * Whether the receiver took the notification, given its status code and the start of its
     * body (at most {@code DeliveryClient.maxResponseBytes}, 4 KiB, decoded as UTF-8).
     */
    boolean delivered(int statusCode, String bodyStart);
}
