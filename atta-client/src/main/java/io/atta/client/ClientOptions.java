package io.atta.client;

import java.net.URI;
import java.util.Objects;

/**
 * How a client talks to one Atta server.
 *
 * @param baseUri          the server, e.g. {@code http://127.0.0.1:8080}
 * @param apiKey           admin key or user token, sent as {@code Authorization: Bearer}
 * @param maxConnections   keep-alive connections to the server; size it to the number of
 *                         concurrent callers, since one connection carries one request at a time
 * @param requestTimeoutMs bound on one attempt, from send to the last byte of the reply
 * @param retry            what to do on busy, unavailable and connection failures
 */
public record ClientOptions(URI baseUri, String apiKey, int maxConnections, long requestTimeoutMs,
                            RetryPolicy retry) {
    public static final int defaultMaxConnections = 16;
    public static final int maxMaxConnections = 4096;
    public static final long defaultRequestTimeoutMs = 30_000;

    public ClientOptions {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(retry, "retry");
        if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
            throw new IllegalArgumentException("baseUri must be http or https: " + baseUri);
        }
        if (maxConnections < 1 || maxConnections > maxMaxConnections) {
            throw new IllegalArgumentException("maxConnections must be 1.." + maxMaxConnections + " (maxMaxConnections), got "
                    + maxConnections);
        }
        if (requestTimeoutMs < 1) {
            throw new IllegalArgumentException("requestTimeoutMs must be positive, got " + requestTimeoutMs);
        }
    }

    /** Defaults for everything but the server and the key. */
    public static ClientOptions of(URI baseUri, String apiKey) {
        return new ClientOptions(baseUri, apiKey, defaultMaxConnections, defaultRequestTimeoutMs,
                RetryPolicy.defaults());
    }

    public ClientOptions withMaxConnections(int n) {
        return new ClientOptions(baseUri, apiKey, n, requestTimeoutMs, retry);
    }

    public ClientOptions withRetry(RetryPolicy r) {
        return new ClientOptions(baseUri, apiKey, maxConnections, requestTimeoutMs, r);
    }

    public ClientOptions withRequestTimeoutMs(long ms) {
        return new ClientOptions(baseUri, apiKey, maxConnections, ms, retry);
    }
}
