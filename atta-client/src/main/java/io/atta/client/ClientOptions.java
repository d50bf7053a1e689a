package io.atta.client;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How a client talks to Atta: one server, or several nodes of a cluster.
 *
 * @param baseUri          the server, e.g. {@code http://127.0.0.1:8080}; with several nodes, the first of them
 * @param apiKey           admin key or user token, sent as {@code Authorization: Bearer}
 * @param maxConnections   keep-alive connections to each node; size it to the number of
 *                         concurrent callers, since one connection carries one request at a time
 * @param requestTimeoutMs bound on one attempt, from send to the last byte of the reply
 * @param retry            what to do on busy, unavailable and connection failures
 * @param nodes            every node the client may send to, {@code baseUri} first. With more
 *                         than one, the client asks the cluster where each shard's leader is
 *                         ({@code GET /v1/cluster/routing}), sends a transfers batch whose debit
 *                         accounts share one shard straight to that shard's leader and other
 *                         requests to the nodes in turn, and retries a request that found a node
 *                         down or unavailable on another node
 */
public record ClientOptions(URI baseUri, String apiKey, int maxConnections, long requestTimeoutMs,
                            RetryPolicy retry, List<URI> nodes) {
    public static final int defaultMaxConnections = 16;
    public static final int maxMaxConnections = 4096;
    public static final long defaultRequestTimeoutMs = 30_000;
    /** Most nodes one client is given. */
    public static final int maxNodes = 64;

    public ClientOptions {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(nodes, "nodes");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty() || nodes.size() > maxNodes) {
            throw new IllegalArgumentException("nodes must name 1.." + maxNodes + " (maxNodes) nodes, got "
                    + nodes.size());
        }
        if (!nodes.get(0).equals(baseUri)) {
            throw new IllegalArgumentException("baseUri must be the first of the nodes: " + baseUri + " is not "
                    + nodes.get(0));
        }
        if (new HashSet<>(nodes).size() != nodes.size()) {
            throw new IllegalArgumentException("nodes names a node twice: " + nodes);
        }
        for (URI n : nodes) {
            if (!"http".equals(n.getScheme()) && !"https".equals(n.getScheme())) {
                throw new IllegalArgumentException("a node's URI must be http or https: " + n);
            }
        }
        if (maxConnections < 1 || maxConnections > maxMaxConnections) {
            throw new IllegalArgumentException("maxConnections must be 1.." + maxMaxConnections + " (maxMaxConnections), got "
                    + maxConnections);
        }
        if (requestTimeoutMs < 1) {
            throw new IllegalArgumentException("requestTimeoutMs must be positive, got " + requestTimeoutMs);
        }
    }

    /** Options for one server. */
    public ClientOptions(URI baseUri, String apiKey, int maxConnections, long requestTimeoutMs, RetryPolicy retry) {
        this(baseUri, apiKey, maxConnections, requestTimeoutMs, retry, List.of(Objects.requireNonNull(baseUri, "baseUri")));
    }

    /** Defaults for everything but the server and the key. */
    public static ClientOptions of(URI baseUri, String apiKey) {
        return new ClientOptions(baseUri, apiKey, defaultMaxConnections, defaultRequestTimeoutMs,
                RetryPolicy.defaults());
    }

    /** Defaults for everything but the cluster's nodes and the key. */
    public static ClientOptions ofNodes(List<URI> nodes, String apiKey) {
        return of(first(nodes), apiKey).withNodes(nodes);
    }

    /** The same options for several nodes of a cluster (see {@link #nodes()}); the first becomes {@link #baseUri()}. */
    public ClientOptions withNodes(List<URI> nodes) {
        return new ClientOptions(first(nodes), apiKey, maxConnections, requestTimeoutMs, retry, nodes);
    }

    public ClientOptions withMaxConnections(int n) {
        return new ClientOptions(baseUri, apiKey, n, requestTimeoutMs, retry, nodes);
    }

    public ClientOptions withRetry(RetryPolicy r) {
        return new ClientOptions(baseUri, apiKey, maxConnections, requestTimeoutMs, r, nodes);
    }

    public ClientOptions withRequestTimeoutMs(long ms) {
        return new ClientOptions(baseUri, apiKey, maxConnections, ms, retry, nodes);
    }

    /** True when the client routes over several nodes rather than talking to one server. */
    public boolean routesOverNodes() {
        return nodes.size() > 1;
    }

    private static URI first(List<URI> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("nodes must name 1.." + maxNodes + " (maxNodes) nodes, got none");
        }
        return nodes.get(0);
    }
}
