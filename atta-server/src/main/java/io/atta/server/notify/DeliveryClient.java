package io.atta.server.notify;

import io.atta.server.outbound.OutboundUrlValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Makes one delivery over HTTP: the request its {@link NotificationFormat} builds, bounded in
 * time, and the answer judged by the same format. Before any connection, the URL's host is
 * resolved and every address it has must be one Atta may call ({@link OutboundUrlValidator}): a
 * refused delivery is a failed attempt, no connection made. Redirects are not followed: a webhook
 * URL names where the merchant takes notifications, and a redirect (which could point anywhere,
 * the server's own loopback included) is a failed delivery.
 */
final class DeliveryClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryClient.class);
    static final long connectTimeoutMs = 2_000;
    /** From the request sent to the answer's headers. */
    static final long requestTimeoutMs = 5_000;
    /** The bound on a whole delivery, body included (the request timeout covers only the wait for headers). */
    static final long deliveryDeadlineMs = connectTimeoutMs + requestTimeoutMs + 1_000;
    /** How much of a receiver's answer is read (what {@link NotificationFormat#delivered} sees). */
    static final int maxResponseBytes = 4_096;
    /** Threads that resolve hosts before deliveries: DNS blocks, and the dispatcher's thread must not. */
    static final int resolverThreads = 4;

    /** How one delivery ended: taken or not, and what happened, for the log. */
    record Attempt(boolean delivered, String what) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(connectTimeoutMs))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final OutboundUrlValidator urls;
    private final ExecutorService resolving = Executors.newFixedThreadPool(resolverThreads, r -> {
        Thread t = new Thread(r, "atta-webhook-dns");
        t.setDaemon(true);
        return t;
    });

    DeliveryClient(OutboundUrlValidator urls) {
        this.urls = urls;
    }

    /**
     * Delivers {@code d} as {@code format} has it; the future never fails: a failure of any kind
     * is an attempt not delivered.
     */
    CompletableFuture<Attempt> send(Delivery d, NotificationFormat format) {
        HttpRequest request;
        try {
            request = format.request(d).timeout(Duration.ofMillis(requestTimeoutMs)).build();
        } catch (IllegalArgumentException unusable) {
            return CompletableFuture.completedFuture(new Attempt(false, unusable.getMessage()));
        } catch (RuntimeException e) {
            log.warn("building the request of webhook {} failed", d.eventId(), e);
            return CompletableFuture.completedFuture(new Attempt(false, describe(e)));
        }
        CompletableFuture<String> checked;
        try {
            checked = CompletableFuture.supplyAsync(() -> urls.deliveryRefusal(request.uri()), resolving);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.completedFuture(new Attempt(false, "the server is stopping"));
        }
        return checked.handle((refused, e) -> {
            if (e != null) {
                return CompletableFuture.completedFuture(new Attempt(false, describe(e)));
            }
            return refused != null
                    ? CompletableFuture.completedFuture(new Attempt(false, "refused before connecting: " + refused))
                    : call(d, request, format);
        }).thenCompose(attempt -> attempt);
    }

    private CompletableFuture<Attempt> call(Delivery d, HttpRequest request, NotificationFormat format) {
        CompletableFuture<HttpResponse<String>> answered;
        try {
            answered = http.sendAsync(request, BodyStart.handler(maxResponseBytes));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Attempt(false, describe(e)));
        }
        return answered.orTimeout(deliveryDeadlineMs, TimeUnit.MILLISECONDS).handle((response, e) -> {
            if (e != null) {
                return new Attempt(false, describe(e));
            }
            try {
                int status = response.statusCode();
                String what = status >= 300 && status <= 399 ? "HTTP " + status + " (redirects are not followed)"
                        : "HTTP " + status;
                return new Attempt(format.delivered(status, response.body()), what);
            } catch (RuntimeException bug) {
                log.warn("judging the answer to webhook {} failed", d.eventId(), bug);
                return new Attempt(false, describe(bug));
            }
        });
    }

    @Override
    public void close() {
        resolving.shutdownNow();
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
