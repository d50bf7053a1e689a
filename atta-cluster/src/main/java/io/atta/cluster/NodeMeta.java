package io.atta.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What a data directory was created with and must keep: the shard count (ids are routed by
 * it), the Raft port (the Raft configuration in the log names this node by it) and, for a
 * node of a cluster, its node id (0 for a single node): a single node's log holds a
 * one-replica configuration, so its directory cannot become a cluster node's, nor one node's
 * another's.
 */
record NodeMeta(int shards, int raftPort, int clusterNodeId) {
    private static final String fileName = "node.properties";

    static NodeMeta loadOrCreate(NodeOptions options) {
        NodeMeta existing = existing(options);
        if (existing != null) {
            return existing;
        }
        Path file = options.dataDir().resolve(fileName);
        try {
            int port = options.raftPort() != 0 ? options.raftPort() : freePort(options.host());
            NodeMeta meta = new NodeMeta(options.shards(), port,
                    options.cluster() == null ? 0 : options.cluster().nodeId());
            Properties p = new Properties();
            p.setProperty("shards", Integer.toString(meta.shards));
            p.setProperty("raftPort", Integer.toString(meta.raftPort));
            if (meta.clusterNodeId != 0) {
                p.setProperty("clusterNodeId", Integer.toString(meta.clusterNodeId));
            }
            p.setProperty("format", "1");
            Path tmp = file.resolveSibling(fileName + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Atta node; do not edit");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return meta;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * What the data directory of {@code options} was created with, or null for a directory not
     * made yet; reads only. Fails, naming the mismatch, when {@code options} do not fit it.
     */
    static NodeMeta existing(NodeOptions options) {
        Path file = options.dataDir().resolve(fileName);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        NodeMeta meta;
        try {
            meta = new NodeMeta(Integer.parseInt(p.getProperty("shards")), Integer.parseInt(p.getProperty("raftPort")),
                    Integer.parseInt(p.getProperty("clusterNodeId", "0")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " is damaged: shards and raftPort must be whole numbers;"
                    + " restore it from a backup");
        }
        int wanted = options.cluster() == null ? 0 : options.cluster().nodeId();
        if (meta.clusterNodeId != wanted) {
            throw new IllegalArgumentException("data directory " + options.dataDir() + " belongs to "
                    + describe(meta.clusterNodeId) + ", not " + describe(wanted)
                    + "; give each node its own directory");
        }
        if (meta.shards != options.shards()) {
            throw new IllegalArgumentException("data directory " + options.dataDir() + " was created with "
                    + meta.shards + " shards; start it with --shards " + meta.shards
                    + " (resharding is not supported yet)");
        }
        if (options.raftPort() != 0 && options.raftPort() != meta.raftPort) {
            throw new IllegalArgumentException("data directory " + options.dataDir()
                    + " was created with raft port " + meta.raftPort + ", not " + options.raftPort());
        }
        return meta;
    }

    private static String describe(int clusterNodeId) {
        return clusterNodeId == 0 ? "a single node" : "node " + clusterNodeId + " of a cluster";
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }
}
