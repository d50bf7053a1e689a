package io.atta.server.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Makes one delivery over HTTP: the request its {@link NotificationFormat} builds, bounded in
 * time, and the answer judged by the same format. Redirects are not followed: a webhook URL
 * names where the merchant takes notifications, and a redirect is a failed delivery.
 */
final class DeliveryClient {
    private static final Logger log = LoggerFactory.getLogger(DeliveryClient.class);
    static final long connectTimeoutMs = 2_000;
    /** From the request sent to the answer's headers. */
    static final long requestTimeoutMs = 5_000;
    /** The bound on a whole delivery, body included (the request timeout covers only the wait for headers). */
    static final long deliveryDeadlineMs = connectTimeoutMs + requestTimeoutMs + 1_000;
    /** How much of a receiver's answer is read (what {@link NotificationFormat#delivered} sees). */
    static final int maxResponseBytes = 4_096;

    /** How one delivery ended: taken or not, and what happened, for the log. */
    record Attempt(boolean delivered, String what) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(connectTimeoutMs))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * Delivers {@code d} as {@code format} has it; the future never fails: a failure of any kind
     * is an attempt not delivered.
     */
    CompletableFuture<Attempt> send(Delivery d, NotificationFormat format) {
        CompletableFuture<HttpResponse<String>> answered;
        try {
            HttpRequest request = format.request(d).timeout(Duration.ofMillis(requestTimeoutMs)).build();
            answered = http.sendAsync(request, BodyStart.handler(maxResponseBytes));
        } catch (IllegalArgumentException unusable) {
            return CompletableFuture.completedFuture(new Attempt(false, unusable.getMessage()));
        } catch (RuntimeException e) {
            log.warn("building the request of webhook {} failed", d.eventId(), e);
            return CompletableFuture.completedFuture(new Attempt(false, describe(e)));
        }
        return answered.orTimeout(deliveryDeadlineMs, TimeUnit.MILLISECONDS).handle((response, e) -> {
            if (e != null) {
                return new Attempt(false, describe(e));
            }
            try {
                return new Attempt(format.delivered(response.statusCode(), response.body()),
                        "HTTP " + response.statusCode());
            } catch (RuntimeException bug) {
                log.warn("judging the answer to webhook {} failed", d.eventId(), bug);
                return new Attempt(false, describe(bug));
            }
        });
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
