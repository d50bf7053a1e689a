package io.atta.client;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.client.util.BytesRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends requests over Jetty's HttpClient with keep-alive connections, and retries them as the
 * {@link RetryPolicy} allows. A request is built from immutable parts (method, path, query, body
 * bytes), so every attempt sends exactly the same bytes and ids. Given several nodes, each
 * attempt goes where the {@link NodeRouter} says, and a failed one is tried on another node.
 */
final class HttpTransport implements AutoCloseable {
    /** Largest reply read; a full history page or a batch reply is far smaller. */
    static final int maxReplyBytes = 64 * 1024 * 1024;
    /** Requests that may wait for a free connection before the client refuses more. */
    static final int maxQueuedRequests = 1 << 16;

    /** What a reply's body becomes; throws {@link IOException} for a body it cannot read. */
    interface BodyReader<T> {
        T read(int status, byte[] body, int length) throws IOException;
    }

    /**
     * One request, described so that it can be sent again unchanged. {@code idempotent}: the
     * request carries its own ids (or only reads), so repeating it after a lost reply is safe.
     * {@code unavailableIsAnswer}: a 503 reply is the answer itself (the health document).
     * {@code routeIds}: the ids whose shard's leader should take it when the client routes over
     * several nodes (a transfers batch's debit accounts), or null to send it to any node.
     */
    record Call(HttpMethod method, String path, Map<String, String> query, byte[] body, boolean idempotent,
                boolean unavailableIsAnswer, long[] routeIds) {
        static Call get(String path) {
            return new Call(HttpMethod.GET, path, Map.of(), null, true, false, null);
        }

        static Call get(String path, Map<String, String> query) {
            return new Call(HttpMethod.GET, path, query, null, true, false, null);
        }

        static Call post(String path, byte[] body, boolean idempotent) {
            return new Call(HttpMethod.POST, path, Map.of(), body, idempotent, false, null);
        }

        static Call health() {
            return new Call(HttpMethod.GET, "/health", Map.of(), null, true, true, null);
        }

        Call routedBy(long[] ids) {
            return new Call(method, path, query, body, idempotent, unavailableIsAnswer, ids);
        }
    }

    /** One request on its way: which attempt this is, and the node it went to. */
    private static final class Exchange<T> {
        final Call call;
        final BodyReader<T> reader;
        final CompletableFuture<T> future = new CompletableFuture<>();
        final RetryPolicy retry;
        int attempt;
        String node;
        /** The node the last attempt failed on, for the next attempt to pass over; null after a 429. */
        String avoid;

        Exchange(Call call, BodyReader<T> reader, RetryPolicy retry) {
            this.call = call;
            this.reader = reader;
            this.retry = retry;
        }

        String what() {
            return call.method() + " " + call.path() + " to " + node;
        }
    }

    static final String routingPath = "/v1/cluster/routing";

    private final ClientOptions options;
    private final HttpClient http;
    private final String authorization;
    private final String origin;
    private final ErrorReader errors;
    /** Null when the client talks to one server. */
    private final NodeRouter router;
    private final BodyReader<ClusterRouting> routingReader;

    HttpTransport(ClientOptions options, ErrorReader errors, BodyReader<ClusterRouting> routingReader) {
        this.options = options;
        this.errors = errors;
        this.routingReader = routingReader;
        this.authorization = "Bearer " + options.apiKey();
        this.origin = origin(options.baseUri());
        this.router = options.routesOverNodes()
                ? new NodeRouter(options.nodes().stream().map(HttpTransport::origin).toList(), System::nanoTime)
                : null;
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(8, options.maxConnections() + 4), 2);
        pool.setName("atta-client");
        pool.setDaemon(true);
        http = new HttpClient();
        http.setExecutor(pool);
        http.setScheduler(new ScheduledExecutorScheduler("atta-client-scheduler", true));
        http.setMaxConnectionsPerDestination(options.maxConnections());
        http.setMaxRequestsQueuedPerDestination(maxQueuedRequests);
        http.setConnectTimeout(Math.min(options.requestTimeoutMs(), 10_000));
        http.setIdleTimeout(60_000);
        http.setUserAgentField(null);
        http.setFollowRedirects(true);
        // Atta never compresses replies; without decoders Jetty sends no Accept-Encoding.
        http.getContentDecoderFactories().clear();
        try {
            http.start();
        } catch (Exception e) {
            throw new AttaClientException("cannot start the HTTP client", e);
        }
        // A 401 is Atta's answer (bad key), not a challenge for the client to take up; start()
        // installs these handlers, so they go after it.
        http.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        http.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
    }

    /** What requests to a node start with: {@code scheme://authority} and the base path without a trailing slash. */
    static String origin(URI base) {
        return base.getScheme() + "://" + base.getRawAuthority()
                + (base.getRawPath() == null ? "" : stripTrailingSlash(base.getRawPath()));
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    <T> CompletableFuture<T> send(Call call, BodyReader<T> reader) {
        return send(call, reader, options.retry());
    }

    private <T> CompletableFuture<T> send(Call call, BodyReader<T> reader, RetryPolicy retry) {
        Exchange<T> x = new Exchange<>(call, reader, retry);
        attempt(x);
        return x.future;
    }

    /** A routing table the caller asked for: the router uses it from now on. */
    void routingKnown(ClusterRouting routing) {
        if (router != null) {
            router.update(routing);
        }
    }

    private <T> void attempt(Exchange<T> x) {
        x.attempt++;
        if (router == null) {
            x.node = origin;
        } else {
            x.node = router.target(x.call.routeIds(), x.avoid);
            if (router.claimRefresh()) {
                refreshRouting();
            }
        }
        x.avoid = null;
        try {
            send(x);
        } catch (RuntimeException e) {
            // Jetty refuses a request synchronously only when it is stopping or misconfigured.
            x.future.completeExceptionally(new AttaConnectionException("cannot send " + x.what(), x.attempt, e));
        }
    }

    /**
     * Asks a node for the routing table, once: a failure is reported to the router, which wants
     * another refresh, and the next request's attempt starts it when the interval allows.
     */
    private void refreshRouting() {
        send(Call.get(routingPath), routingReader, RetryPolicy.none())
                .whenComplete((routing, failure) -> router.refreshed(failure == null ? routing : null));
    }

    private <T> void send(Exchange<T> x) {
        Call call = x.call;
        Request request = http.newRequest(x.node + call.path())
                .method(call.method())
                .timeout(options.requestTimeoutMs(), TimeUnit.MILLISECONDS)
                .headers(h -> h.put(HttpHeader.AUTHORIZATION, authorization));
        for (Map.Entry<String, String> q : call.query().entrySet()) {
            request.param(q.getKey(), q.getValue());
        }
        if (call.body() != null) {
            request.body(new BytesRequestContent("application/json", call.body()));
        }
        request.send(new ReplyCollector() {
            @Override
            void onReply(int status, byte[] body, int length, Throwable failure) {
                handle(x, status, body, length, failure);
            }
        });
    }

    private <T> void handle(Exchange<T> x, int status, byte[] body, int length, Throwable failure) {
        Call call = x.call;
        boolean more = x.attempt < x.retry.maxAttempts() && !http.isStopping();
        if (failure != null) {
            nodeFailed(x);
            // Only a lost connection or a timeout is worth another try; a reply the client
            // cannot make sense of (an HTTP protocol violation) will not improve.
            boolean retriable = failure instanceof IOException || failure instanceof TimeoutException;
            boolean safe = call.idempotent() || failure instanceof ConnectException;
            if (retriable && safe && more) {
                later(x);
            } else {
                String what = failure instanceof TimeoutException ? "timed out" : "failed: " + failure;
                x.future.completeExceptionally(new AttaConnectionException(x.what() + " " + what, x.attempt, failure));
            }
            return;
        }
        try {
            if (status >= 200 && status < 300) {
                x.future.complete(x.reader.read(status, body, length));
                return;
            }
            if (status == 503 && call.unavailableIsAnswer()) {
                x.future.complete(x.reader.read(status, body, length));
            } else if ((status == 429 || status == 503) && more) {
                if (status == 503) {
                    // Unavailable: no leader within the node's wait, or the node stops. Another
                    // node may know more; a busy (429) leader is asked again instead.
                    nodeFailed(x);
                }
                later(x);
            } else {
                x.future.completeExceptionally(errors.read(status, body, length));
            }
        } catch (IOException | RuntimeException e) {
            x.future.completeExceptionally(new AttaClientException(
                    "cannot read the reply to " + x.what() + " (HTTP " + status + ")", e));
        }
    }

    private void nodeFailed(Exchange<?> x) {
        if (router != null) {
            router.failed(x.node);
            x.avoid = x.node;
        }
    }

    private <T> void later(Exchange<T> x) {
        long delayMs = x.retry.backoffMs(x.attempt);
        try {
            http.getScheduler().schedule(() -> attempt(x), delayMs, TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            x.future.completeExceptionally(new AttaConnectionException("client closed while retrying " + x.what(),
                    x.attempt, rejected));
        }
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            throw new AttaClientException("cannot stop the HTTP client", e);
        }
    }

    /**
     * Reads a whole reply into one array, then hands it over once. The array is sized from the
     * reply's Content-Length when it has one (a batch's results are about 340 KB: growing from
     * 4 KB copied about as much again per reply), and grows otherwise.
     */
    private abstract static class ReplyCollector extends Response.Listener.Adapter {
        private byte[] buffer = new byte[4096];
        private int length;
        private AttaClientException tooLarge;

        @Override
        public void onHeaders(Response response) {
            long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            if (declared > buffer.length && declared <= maxReplyBytes) {
                buffer = new byte[(int) declared];
            }
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            int n = content.remaining();
            if (tooLarge != null) {
                return;
            }
            if (length + n > maxReplyBytes) {
                // Not an IOException: a reply too large to read is not worth asking for again.
                tooLarge = new AttaClientException("reply larger than " + maxReplyBytes + " bytes (maxReplyBytes)");
                response.abort(tooLarge);
                return;
            }
            if (length + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(length + n, Math.min(maxReplyBytes, buffer.length * 2)));
            }
            content.get(buffer, length, n);
            length += n;
        }

        @Override
        public void onComplete(Result result) {
            if (tooLarge != null) {
                onReply(0, null, 0, tooLarge);
            } else if (result.isFailed()) {
                onReply(0, null, 0, result.getFailure());
            } else {
                onReply(result.getResponse().getStatus(), buffer, length, null);
            }
        }

        abstract void onReply(int status, byte[] body, int length, Throwable failure);
    }
}
