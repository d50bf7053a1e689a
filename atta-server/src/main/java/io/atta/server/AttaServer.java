package io.atta.server;

import io.atta.cluster.LedgerService;

/** The HTTP front of a node: REST {@code /v1}, health, metrics, OpenAPI. */
public final class AttaServer implements AutoCloseable {
    private AttaServer() {
    }

    /** Starts serving {@code service}; returns once the port is bound. */
    public static AttaServer start(LedgerService service, ServerOptions options) {
        throw new UnsupportedOperationException("being written");
    }

    /** The bound port. */
    public int port() {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
    }
}
