package io.atta.server;

/**
 * How to serve the HTTP API.
 *
 * @param host     address to bind (loopback by default)
 * @param port     HTTP port; 0 picks a free one (see {@link AttaServer#port()})
 * @param adminKey the admin API key (never empty)
 */
public record ServerOptions(String host, int port, String adminKey) {
}
