package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;
import io.atta.server.secrets.MasterKeyFile;

import java.nio.file.Path;

/**
 * Where a cluster run on this machine by {@code atta cluster start --dir DIR} keeps its files,
 * and which ports its nodes use:
 *
 * <pre>
 * DIR/cluster.properties     the cluster file every node starts from
 * DIR/admin.key              the admin key of every node (mode 0600)
 * DIR/master.key             the master key every node seals webhook secrets with, copied to
 *                            DIR/node-N/master.key before node N first starts (mode 0600)
 * DIR/atta.jar               the runnable jar the nodes run: a copy, so that a rebuild of the
 *                            project's jar cannot pull classes from under running nodes
 * DIR/logs/                  logs of the raft client of the atta cluster commands
 * DIR/node-N/                node N's data directory, with
 * DIR/node-N/pid             the pid of its server process, while it runs
 * DIR/node-N/server.log      its standard output and error
 * DIR/node-N/logs/           its raft and RPC logs
 * </pre>
 *
 * Node N listens on 127.0.0.1, raft on base port + N and HTTP on base port + 100 + N.
 */
public record LocalLayout(Path dir) {
    public static final String clusterFileName = "cluster.properties";
    public static final String adminKeyFileName = "admin.key";
    public static final String host = "127.0.0.1";
    public static final int defaultBasePort = 7100;
    /** HTTP ports sit this far above the raft ports. */
    public static final int httpPortOffset = 100;
    /** The highest node id the port layout has room for: raft ports must stay below the first HTTP port. */
    public static final int maxNodeId = httpPortOffset - 1;
    public static final int maxPort = 65535;
    /** The highest base port that leaves room for the HTTP port of node {@link #maxNodeId}. */
    public static final int maxBasePort = maxPort - httpPortOffset - maxNodeId;
    public static final int minBasePort = 1024;

    public LocalLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path clusterFile() {
        return dir.resolve(clusterFileName);
    }

    public Path adminKeyFile() {
        return dir.resolve(adminKeyFileName);
    }

    /** The cluster's master key, which every node's data directory gets a copy of. */
    public Path masterKeyFile() {
        return dir.resolve(MasterKeyFile.fileName);
    }

    /** The nodes' copy of the runnable jar. */
    public Path jar() {
        return dir.resolve("atta.jar");
    }

    /** Where the {@code atta cluster} commands point their raft client's log files. */
    public Path cliLogs() {
        return dir.resolve("logs");
    }

    public Path nodeDir(int id) {
        return dir.resolve("node-" + id);
    }

    public Path pidFile(int id) {
        return nodeDir(id).resolve("pid");
    }

    public Path serverLog(int id) {
        return nodeDir(id).resolve("server.log");
    }

    public Path nodeLogs(int id) {
        return nodeDir(id).resolve("logs");
    }

    /** Node {@code id}'s addresses for a cluster laid out from {@code basePort}. */
    public static NodeAddress address(int basePort, int id) {
        if (id < 1 || id > maxNodeId) {
            throw new IllegalArgumentException("node ids of a local cluster are between 1 and " + maxNodeId
                    + " (maxNodeId), got " + id);
        }
        return new NodeAddress(id, host, basePort + id, host, basePort + httpPortOffset + id);
    }

    /**
     * The base port {@code file}'s nodes were laid out from, or -1 when the file does not follow
     * this layout (its nodes were placed by hand).
     */
    public static int basePortOf(ClusterFile file) {
        NodeAddress first = file.nodes().values().iterator().next();
        int base = first.raftPort() - first.id();
        for (NodeAddress n : file.nodes().values()) {
            if (n.id() > maxNodeId || !n.equals(address(base, n.id()))) {
                return -1;
            }
        }
        return base;
    }
}
