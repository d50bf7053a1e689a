package io.atta.cli;

import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.server.AttaServer;
import io.atta.server.ServerOptions;
import io.atta.server.gateway.GatewayOptions;
import io.atta.server.notify.RetrySchedule;
import io.atta.server.secrets.MasterKey;
import io.atta.server.secrets.MasterKeyFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * A durable Atta node and its HTTP server, started and stopped together: the node first, then
 * the server in front of it; closing stops taking requests before it stops the shards.
 */
public final class RunningNode implements AutoCloseable {
    private final AttaNode node;
    private final AttaServer server;
    private final String host;

    private RunningNode(AttaNode node, AttaServer server, String host) {
        this.node = node;
        this.server = server;
        this.host = host;
    }

    /** Starts a node on {@code dataDir} and serves it on {@code host:port} (0: any free port). */
    public static RunningNode start(Path dataDir, String host, int port, int shards, String adminKey) {
        return start(dataDir, host, port, shards, adminKey, NodeOptions.defaultSnapshotIntervalSecs);
    }

    /** As above, snapshotting each shard every {@code snapshotIntervalSecs}. */
    public static RunningNode start(Path dataDir, String host, int port, int shards, String adminKey,
                                    int snapshotIntervalSecs) {
        return start(new NodeOptions(dataDir, host, 0, shards, snapshotIntervalSecs,
                NodeOptions.defaultTickIntervalMs), port, adminKey);
    }

    /** Starts a node with {@code options} and serves it on the options' host and {@code port}. */
    public static RunningNode start(NodeOptions options, int port, String adminKey) {
        return start(options, options.host(), port, adminKey);
    }

    /** As above, serving HTTP on {@code host:port} (in a cluster, raft may listen on another address). */
    public static RunningNode start(NodeOptions options, String host, int port, String adminKey) {
        return start(options, host, port, adminKey, RetrySchedule.standard);
    }

    /** As above, retrying merchant notifications by {@code webhookRetries}. */
    public static RunningNode start(NodeOptions options, String host, int port, String adminKey,
                                    RetrySchedule webhookRetries) {
        return start(options, host, port, adminKey, webhookRetries, GatewayOptions.standard);
    }

    /**
     * As above, with the Alipay gateway's options; its platform keys are kept in the node's data
     * directory.
     */
    public static RunningNode start(NodeOptions options, String host, int port, String adminKey,
                                    RetrySchedule webhookRetries, GatewayOptions gateway) {
        return start(options, host, port, adminKey, webhookRetries, gateway, false);
    }

    /**
     * As above; {@code allowPrivateWebhooks} lets webhook and notify URLs reach loopback and private
     * addresses. The data directory is made (or tightened to) owner-only, and its master key is
     * read (or made) before the node starts: a damaged key stops the start before anything runs.
     */
    public static RunningNode start(NodeOptions options, String host, int port, String adminKey,
                                    RetrySchedule webhookRetries, GatewayOptions gateway,
                                    boolean allowPrivateWebhooks) {
        Path dataDir = options.dataDir();
        try {
            PrivateDataDirectory.createOrTighten(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data directory " + dataDir + " owner-only", e);
        }
        MasterKey masterKey = MasterKeyFile.loadOrCreate(dataDir);
        LogDirectory.useUnder(dataDir);
        // The HTTP server starts while the shard groups replay their logs: /health answers 503
        // until every group leads, and this returns once they do.
        AttaNode node = AttaNode.open(options);
        AttaServer server = null;
        try {
            server = AttaServer.start(node, new ServerOptions(host, port, adminKey)
                    .withWebhookRetries(webhookRetries).withGateway(gateway.withDataDirectory(dataDir))
                    .withAllowPrivateWebhooks(allowPrivateWebhooks).withMasterKey(masterKey));
            node.awaitReady();
            return new RunningNode(node, server, host);
        } catch (RuntimeException | Error e) {
            if (server != null) {
                server.close();
            }
            node.close();
            throw e;
        }
    }

    public AttaNode node() {
        return node;
    }

    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + server.port());
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            node.close();
        }
    }
}
