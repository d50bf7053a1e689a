package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile.NodeAddress;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether the ports of nodes about to start are free, asked before anything starts so that the
 * operator reads which port is taken instead of a node's stack trace.
 */
public final class PortCheck {
    /** How long a port may stay taken after a node on it exited (the kernel frees it asynchronously). */
    public static final long portReleaseWaitMs = 3_000;
    static final long pollIntervalMs = 100;

    private PortCheck() {
    }

    /** Fails naming every raft and HTTP port of {@code nodes} that stays in use for {@link #portReleaseWaitMs}. */
    public static void requireFree(Collection<NodeAddress> nodes) {
        requireFree(nodes, "");
    }

    /** As above; {@code hint} (a sentence or empty) ends the message. */
    static void requireFree(Collection<NodeAddress> nodes, String hint) {
        List<String> taken = new ArrayList<>();
        for (NodeAddress n : nodes) {
            if (inUse(n.raftHost(), n.raftPort())) {
                taken.add(n.raftEndpoint() + " (node " + n.id() + " raft)");
            }
            if (inUse(n.httpHost(), n.httpPort())) {
                taken.add(n.httpEndpoint() + " (node " + n.id() + " http)");
            }
        }
        if (!taken.isEmpty()) {
            throw new ClusterFailure("port" + (taken.size() == 1 ? " " : "s ") + String.join(", ", taken)
                    + (taken.size() == 1 ? " is" : " are") + " in use on this machine" + hint);
        }
    }

    /**
     * Whether {@code host:port} stays in use for {@link #portReleaseWaitMs}; false for an address
     * this machine does not have (binding then says what is wrong).
     */
    public static boolean inUse(String host, int port) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(portReleaseWaitMs);
        while (true) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(host, port));
                return false;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    return true;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
            } catch (IOException e) {
                // Not a port in use (an address this machine does not have): the node's start says what is wrong.
                return false;
            }
        }
    }
}
