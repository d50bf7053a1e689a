package io.atta.cli;

import io.atta.cli.cluster.PortCheck;
import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import io.atta.server.gateway.PlatformKeys;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;

/**
 * What {@code atta server} checks before it starts anything or writes a byte: that the data
 * directory fits the options (shard count, node id, raft port, routing table), that the platform
 * keys in it are whole, and that its ports are free. Each failure is a {@link StartFailure} that
 * names the file or port at fault, so that the operator reads one line instead of a stack trace
 * from a node half started. The admin key is checked by {@link AdminKey#check}.
 */
final class StartChecks {
    private StartChecks() {
    }

    /** Runs every check; {@code httpPort} 0 means any free port (nothing to check). */
    static void run(NodeOptions node, String httpHost, int httpPort) {
        int raftPort = dataDirectory(node);
        platformKeys(node);
        port(httpHost, httpPort, "");
        port(node.host(), raftPort, "raft ");
    }

    private static int dataDirectory(NodeOptions node) {
        try {
            return AttaNode.checkDataDirectory(node);
        } catch (IllegalArgumentException e) {
            throw new StartFailure(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new StartFailure(e.getMessage() + ": " + reason(e));
        }
    }

    private static void platformKeys(NodeOptions node) {
        try {
            PlatformKeys.existing(node.dataDir());
        } catch (IllegalStateException e) {
            throw new StartFailure(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new StartFailure(e.getMessage() + ": " + reason(e));
        }
    }

    private static void port(String host, int port, String what) {
        if (port != 0 && PortCheck.inUse(host, port)) {
            throw new StartFailure(what + "port " + port + " on " + host + " is in use");
        }
    }

    /** Why a file could not be read, in plain words. */
    static String reason(UncheckedIOException e) {
        return e.getCause() instanceof AccessDeniedException ? "permission denied" : "it cannot be read";
    }
}
