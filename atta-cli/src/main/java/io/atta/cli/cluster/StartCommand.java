package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;
import io.atta.cluster.NodeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code atta cluster start}: a cluster of server processes on this machine, started detached
 * (they keep running after the command exits), or the stopped nodes of one started before.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Starts a local cluster, or its stopped nodes.",
                "Starts a cluster of N nodes on 127.0.0.1 (node i: raft port P+i, HTTP port P+100+i), each an "
                + "atta server process of its own that keeps running after this command exits; waits until every node "
                + "is healthy and each shard's leader is its preferred one.",
                "When DIR already holds a cluster, starts its nodes that are not running."})
public final class StartCommand implements Callable<Integer> {
    public static final int defaultShards = 4;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "The cluster's directory: cluster.properties, admin.key, and node-<i>/ per node.")
    private Path dir;

    @Option(names = "--nodes", paramLabel = "N",
            description = "Nodes of a new cluster, " + LocalCluster.minNodes + " to " + LocalCluster.maxNodes + ".")
    private Integer nodes;

    @Option(names = "--base-port", paramLabel = "P",
            description = "Ports of a new cluster: node i has raft port P+i, HTTP port P+100+i (default: "
                    + LocalLayout.defaultBasePort + ").")
    private Integer basePort;

    @Option(names = "--shards", paramLabel = "S",
            description = "Shard groups of a new cluster (default: " + defaultShards + ").")
    private Integer shards;

    @Option(names = "--election-timeout-ms", paramLabel = "MS",
            description = "Raft election timeout of a new cluster (default: " + ClusterFile.defaultElectionTimeoutMs
                    + ").")
    private Integer electionTimeoutMs;

    @Option(names = "--settlement-interval", paramLabel = "SECONDS",
            description = "Passed to every node's atta server: how often house balances are swept; 0 turns sweeps "
                    + "off (default: as the cluster was last started, else "
                    + NodeOptions.defaultSettlementIntervalSecs + ").")
    private Integer settlementIntervalSecs;

    @Option(names = "--jvm-opts", paramLabel = "OPTIONS",
            description = "JVM options of every node, separated by spaces (default: as the cluster was last "
                    + "started, else G1 with at most 1 GB of heap, exiting on OutOfMemoryError).")
    private String jvmOpts;

    @Override
    public Integer call() {
        return Verb.run(spec, this::start);
    }

    private int start() throws IOException, InterruptedException {
        validate();
        LocalLayout layout = new LocalLayout(dir);
        PrintWriter out = spec.commandLine().getOut();
        LaunchOptions launch = LaunchOptions.load(layout).with(settlementIntervalSecs, jvmOpts);
        List<String> serverArgs = launch.serverArgs();
        List<String> jvm = launch.jvmOptions();
        LocalCluster cluster;
        if (Files.exists(layout.clusterFile())) {
            ClusterFile file = ClusterFile.load(layout.clusterFile());
            requireAgrees(file);
            cluster = LocalCluster.open(dir, serverArgs, jvm);
            out.println("Starting the stopped nodes of " + layout.clusterFile() + " (" + file.nodes().size()
                    + " nodes, " + file.shards() + " shards)");
        } else {
            if (nodes == null) {
                throw new ParameterException(spec.commandLine(), "--nodes is needed: " + layout.dir()
                        + " holds no cluster yet (give --nodes " + LocalCluster.minNodes + " to "
                        + LocalCluster.maxNodes + ")");
            }
            cluster = LocalCluster.create(dir, nodes, orDefault(basePort, LocalLayout.defaultBasePort),
                    orDefault(shards, defaultShards),
                    orDefault(electionTimeoutMs, ClusterFile.defaultElectionTimeoutMs), serverArgs, jvm);
            out.println("Wrote " + layout.clusterFile() + " (" + nodes + " nodes, "
                    + orDefault(shards, defaultShards) + " shards)");
        }
        out.flush();
        launch.save(layout);
        List<Integer> started = cluster.startAll();
        out.println(started.isEmpty() ? "Every node was already running" : "Started node"
                + (started.size() == 1 ? " " : "s ") + ClusterCommand.ids(started) + "; every node is healthy");
        out.flush();
        cluster.rebalance(line -> {
            out.println(line);
            out.flush();
        });
        printEndpoints(out, cluster);
        return 0;
    }

    private void validate() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--dir " + dir + " is not a directory");
        }
        if (nodes != null && (nodes < LocalCluster.minNodes || nodes > LocalCluster.maxNodes)) {
            throw new ParameterException(spec.commandLine(), "--nodes must be between " + LocalCluster.minNodes
                    + " and " + LocalCluster.maxNodes + " (maxNodes), got " + nodes);
        }
        if (basePort != null && (basePort < LocalLayout.minBasePort || basePort > LocalLayout.maxBasePort)) {
            throw new ParameterException(spec.commandLine(), "--base-port must be between " + LocalLayout.minBasePort
                    + " and " + LocalLayout.maxBasePort + " (maxBasePort: node " + LocalLayout.maxNodeId
                    + "'s HTTP port must stay below 65536), got " + basePort);
        }
        if (shards != null && (shards < 1 || shards > NodeOptions.maxShards)) {
            throw new ParameterException(spec.commandLine(), "--shards must be between 1 and " + NodeOptions.maxShards
                    + " (maxShards), got " + shards);
        }
        if (electionTimeoutMs != null && (electionTimeoutMs < ClusterFile.minElectionTimeoutMs
                || electionTimeoutMs > ClusterFile.maxElectionTimeoutMs)) {
            throw new ParameterException(spec.commandLine(), "--election-timeout-ms must be between "
                    + ClusterFile.minElectionTimeoutMs + " and " + ClusterFile.maxElectionTimeoutMs
                    + " (maxElectionTimeoutMs), got " + electionTimeoutMs);
        }
        String settlement = LaunchOptions.settlementIntervalProblem(settlementIntervalSecs);
        if (settlement != null) {
            throw new ParameterException(spec.commandLine(), settlement);
        }
    }

    /** The options that shape a new cluster must not contradict the file of an existing one. */
    private void requireAgrees(ClusterFile file) {
        String differs = null;
        if (nodes != null && nodes != file.nodes().size()) {
            differs = "--nodes " + nodes + " (it has " + file.nodes().size() + " nodes; grow it with add-node)";
        } else if (shards != null && shards != file.shards()) {
            differs = "--shards " + shards + " (it has " + file.shards() + " shards)";
        } else if (basePort != null && basePort != LocalLayout.basePortOf(file)) {
            differs = "--base-port " + basePort + " (its nodes are at other ports)";
        } else if (electionTimeoutMs != null && electionTimeoutMs != file.electionTimeoutMs()) {
            differs = "--election-timeout-ms " + electionTimeoutMs + " (it has " + file.electionTimeoutMs() + ")";
        }
        if (differs != null) {
            throw new ParameterException(spec.commandLine(), "--dir " + dir + " already holds a cluster, which "
                    + differs + " does not describe; leave the option out to start it as it is");
        }
    }

    private static void printEndpoints(PrintWriter out, LocalCluster cluster) throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"node", "http", "raft", "pid"});
        for (NodeAddress n : cluster.file().nodes().values()) {
            long pid = cluster.pid(n.id());
            rows.add(new String[] {Integer.toString(n.id()), NodeApi.baseUri(n).toString(), n.raftEndpoint(),
                    pid < 0 ? "not running" : Long.toString(pid)});
        }
        StringBuilder table = new StringBuilder("\n");
        StatusReport.appendRows(table, "", rows);
        out.print(table);
        LocalLayout layout = cluster.layout();
        out.println();
        out.println("Admin key: " + layout.adminKeyFile() + " (export ATTA_ADMIN_KEY=$(cat " + layout.adminKeyFile()
                + "))");
        out.println("Logs: " + layout.dir().resolve("node-<i>/server.log"));
        out.println("Status: atta cluster status --dir " + layout.dir() + "; stop: atta cluster stop --dir "
                + layout.dir());
    }

    private static int orDefault(Integer value, int orElse) {
        return value == null ? orElse : value;
    }
}
