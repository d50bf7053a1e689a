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
 * bytes), so every attempt sends exactly the same bytes and ids.
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
     */
    record Call(HttpMethod method, String path, Map<String, String> query, byte[] body, boolean idempotent,
                boolean unavailableIsAnswer) {
        static Call get(String path) {
            return new Call(HttpMethod.GET, path, Map.of(), null, true, false);
        }

        static Call get(String path, Map<String, String> query) {
            return new Call(HttpMethod.GET, path, query, null, true, false);
        }

        static Call post(String path, byte[] body, boolean idempotent) {
            return new Call(HttpMethod.POST, path, Map.of(), body, idempotent, false);
        }

        static Call health() {
            return new Call(HttpMethod.GET, "/health", Map.of(), null, true, true);
        }
    }

    private final ClientOptions options;
    private final HttpClient http;
    private final String authorization;
    private final String origin;
    private final ErrorReader errors;

    HttpTransport(ClientOptions options, ErrorReader errors) {
        this.options = options;
        this.errors = errors;
        this.authorization = "Bearer " + options.apiKey();
        URI base = options.baseUri();
        this.origin = base.getScheme() + "://" + base.getRawAuthority()
                + (base.getRawPath() == null ? "" : stripTrailingSlash(base.getRawPath()));
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

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    <T> CompletableFuture<T> send(Call call, BodyReader<T> reader) {
        CompletableFuture<T> future = new CompletableFuture<>();
        attempt(call, reader, future, 1);
        return future;
    }

    private <T> void attempt(Call call, BodyReader<T> reader, CompletableFuture<T> future, int attempt) {
        try {
            send(call, reader, future, attempt);
        } catch (RuntimeException e) {
            // Jetty refuses a request synchronously only when it is stopping or misconfigured.
            future.completeExceptionally(new AttaConnectionException(
                    "cannot send " + call.method() + " " + call.path(), attempt, e));
        }
    }

    private <T> void send(Call call, BodyReader<T> reader, CompletableFuture<T> future, int attempt) {
        Request request = http.newRequest(origin + call.path())
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
                handle(call, reader, future, attempt, status, body, length, failure);
            }
        });
    }

    private <T> void handle(Call call, BodyReader<T> reader, CompletableFuture<T> future, int attempt, int status,
                            byte[] body, int length, Throwable failure) {
        RetryPolicy retry = options.retry();
        if (failure != null) {
            // Only a lost connection or a timeout is worth another try; a reply the client
            // cannot make sense of (an HTTP protocol violation) will not improve.
            boolean retriable = failure instanceof IOException || failure instanceof TimeoutException;
            boolean safe = call.idempotent() || failure instanceof ConnectException;
            if (retriable && safe && attempt < retry.maxAttempts() && !http.isStopping()) {
                later(call, reader, future, attempt);
            } else {
                String what = failure instanceof TimeoutException ? "timed out" : "failed: " + failure;
                future.completeExceptionally(new AttaConnectionException(
                        call.method() + " " + call.path() + " " + what, attempt, failure));
            }
            return;
        }
        try {
            if (status >= 200 && status < 300) {
                future.complete(reader.read(status, body, length));
                return;
            }
            if (status == 503 && call.unavailableIsAnswer()) {
                future.complete(reader.read(status, body, length));
            } else if ((status == 429 || status == 503) && attempt < retry.maxAttempts() && !http.isStopping()) {
                later(call, reader, future, attempt);
            } else {
                future.completeExceptionally(errors.read(status, body, length));
            }
        } catch (IOException | RuntimeException e) {
            future.completeExceptionally(new AttaClientException(
                    "cannot read the reply to " + call.method() + " " + call.path() + " (HTTP " + status + ")", e));
        }
    }

    private <T> void later(Call call, BodyReader<T> reader, CompletableFuture<T> future, int attempt) {
        long delayMs = options.retry().backoffMs(attempt);
        try {
            http.getScheduler().schedule(() -> attempt(call, reader, future, attempt + 1), delayMs,
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            future.completeExceptionally(new AttaConnectionException("client closed while retrying "
                    + call.method() + " " + call.path(), attempt, rejected));
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

    /** Reads a whole reply into one growing array, then hands it over once. */
    private abstract static class ReplyCollector extends Response.Listener.Adapter {
        private byte[] buffer = new byte[4096];
        private int length;
        private AttaClientException tooLarge;

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
