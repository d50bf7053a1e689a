package io.atta.server;

import io.atta.server.gateway.GatewayOptions;
import io.atta.server.notify.RetrySchedule;

/**
 * How to serve the HTTP API.
 *
 * @param host           address to bind (loopback by default)
 * @param port           HTTP port; 0 picks a free one (see {@link AttaServer#port()})
 * @param adminKey       the admin API key (never empty)
 * @param webhookRetries the waits between deliveries of a merchant notification
 * @param gateway        the Alipay gateway's options
 */
public record ServerOptions(String host, int port, String adminKey, RetrySchedule webhookRetries,
                            GatewayOptions gateway) {
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
        if (gateway == null) {
            throw new IllegalArgumentException("gateway must be options, such as GatewayOptions.standard");
        }
    }

    /** Serves with the standard webhook retry schedule and gateway options (keys of this process only). */
    public ServerOptions(String host, int port, String adminKey) {
        this(host, port, adminKey, RetrySchedule.standard, GatewayOptions.standard);
    }

    /** The same options with another webhook retry schedule. */
    public ServerOptions withWebhookRetries(RetrySchedule schedule) {
        return new ServerOptions(host, port, adminKey, schedule, gateway);
    }

    /** The same options with other gateway options. */
    public ServerOptions withGateway(GatewayOptions options) {
        return new ServerOptions(host, port, adminKey, webhookRetries, options);
    }
}
