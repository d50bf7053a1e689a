package io.atta.server;

import io.atta.server.notify.RetrySchedule;

/**
 * How to serve the HTTP API.
 *
 * @param host           address to bind (loopback by default)
 * @param port           HTTP port; 0 picks a free one (see {@link AttaServer#port()})
 * @param adminKey       the admin API key (never empty)
 * @param webhookRetries the waits between deliveries of a merchant notification
 */
public record ServerOptions(String host, int port, String adminKey, RetrySchedule webhookRetries) {
    public ServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be an address to bind, such as 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (adminKey == null || adminKey.isBlank()) {
            throw new IllegalArgumentException("adminKey must not be empty");
        }
        if (webhookRetries == null) {
            throw new IllegalArgumentException("webhookRetries must be a schedule, such as RetrySchedule.standard");
        }
    }

    /** Serves with the standard webhook retry schedule. */
    public ServerOptions(String host, int port, String adminKey) {
        this(host, port, adminKey, RetrySchedule.standard);
    }

    /** The same options with another webhook retry schedule. */
    public ServerOptions withWebhookRetries(RetrySchedule schedule) {
        return new ServerOptions(host, port, adminKey, schedule);
    }
}
