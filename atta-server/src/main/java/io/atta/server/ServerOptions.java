package io.atta.server;

import io.atta.server.gateway.GatewayOptions;
import io.atta.server.notify.RetrySchedule;
import io.atta.server.secrets.MasterKey;

/**
 * How to serve the HTTP API.
 *
 * @param host           address to bind (loopback by default)
 * @param port           HTTP port; 0 picks a free one (see {@link AttaServer#port()})
 * @param adminKey       the admin API key (never empty)
 * @param webhookRetries the waits between deliveries of a merchant notification
 * @param gateway        the Alipay gateway's options
 * @param allowPrivateWebhooks whether webhook and notify URLs may reach loopback, private and CGNAT
 *                       addresses ({@code --allow-private-webhooks}: tests, on-premise receivers)
 * @param masterKey      seals webhook secrets in replicated state; the node's {@code master.key}
 */
public record ServerOptions(String host, int port, String adminKey, RetrySchedule webhookRetries,
                            GatewayOptions gateway, boolean allowPrivateWebhooks, MasterKey masterKey) {
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
        if (masterKey == null) {
            throw new IllegalArgumentException("masterKey must be a key, such as MasterKeyFile.loadOrCreate(dataDir)");
        }
    }

    /**
     * Serves with the standard webhook retry schedule and gateway options, public webhook URLs
     * only, and keys of this process only.
     */
    public ServerOptions(String host, int port, String adminKey) {
        this(host, port, adminKey, RetrySchedule.standard, GatewayOptions.standard, false, MasterKey.ephemeral());
    }

    /** The same options with another webhook retry schedule. */
    public ServerOptions withWebhookRetries(RetrySchedule schedule) {
        return new ServerOptions(host, port, adminKey, schedule, gateway, allowPrivateWebhooks, masterKey);
    }

    /** The same options with other gateway options. */
    public ServerOptions withGateway(GatewayOptions options) {
        return new ServerOptions(host, port, adminKey, webhookRetries, options, allowPrivateWebhooks, masterKey);
    }

    /** The same options, webhook and notify URLs allowed (or not) to reach loopback and private addresses. */
    public ServerOptions withAllowPrivateWebhooks(boolean allow) {
        return new ServerOptions(host, port, adminKey, webhookRetries, gateway, allow, masterKey);
    }

    /** The same options with the node's master key. */
    public ServerOptions withMasterKey(MasterKey key) {
        return new ServerOptions(host, port, adminKey, webhookRetries, gateway, allowPrivateWebhooks, key);
    }

    /** Without the admin key: options may be logged, the key never. */
    @Override
    public String toString() {
        return "ServerOptions[host=" + host + ", port=" + port + ", adminKey=<hidden>, webhookRetries=" + webhookRetries
                + ", gateway=" + gateway + ", allowPrivateWebhooks=" + allowPrivateWebhooks + "]";
    }
}
