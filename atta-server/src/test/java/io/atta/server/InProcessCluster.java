package io.atta.server;

import io.atta.cluster.AttaNode;
import io.atta.cluster.ClusterFile;
import io.atta.cluster.NodeOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;

/**
 * Three nodes of one cluster (two shards, each replicated on all three) in this JVM, each with
 * its HTTP server on 127.0.0.1. A stopped node's slot in {@link #nodes} is null.
 */
final class InProcessCluster implements AutoCloseable {
    final ClusterFile file;
    final List<AttaNode> nodes = new ArrayList<>();
    final List<AttaServer> servers = new ArrayList<>();

    private InProcessCluster(ClusterFile file) {
        this.file = file;
    }

    static InProcessCluster start(Path dir) throws IOException {
        List<ClusterFile.NodeAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            addresses.add(new ClusterFile.NodeAddress(id, "127.0.0.1", freePort(), "127.0.0.1", freePort()));
        }
        InProcessCluster c = new InProcessCluster(ClusterFile.of(2, addresses, 600));
        try {
            for (int id = 1; id <= 3; id++) {
                AttaNode node = AttaNode.start(NodeOptions.ofCluster(dir.resolve("node-" + id), c.file, id, 300, 0));
                c.nodes.add(node);
                c.servers.add(AttaServer.start(node,
                        new ServerOptions("127.0.0.1", c.file.node(id).httpPort(), adminKey)));
            }
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Stops node {@code i} (server first), leaving the others running. */
    void stop(int i) {
        servers.get(i).close();
        nodes.get(i).close();
        nodes.set(i, null);
    }

    @Override
    public void close() {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) != null) {
                if (i < servers.size()) {
                    servers.get(i).close();
                }
                nodes.get(i).close();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
