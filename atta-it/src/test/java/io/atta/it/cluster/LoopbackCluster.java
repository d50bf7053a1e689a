package io.atta.it.cluster;

import io.atta.cli.cluster.ClusterFailure;
import io.atta.cli.cluster.ClusterView;
import io.atta.cli.cluster.LocalCluster;
import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;
import io.atta.cluster.Routing;
import io.atta.cluster.RoutingTableFile;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A {@link LocalCluster} on 127.0.0.1 for one test: nodes run from a pinned copy of the jar
 * ({@link NodeJvm}), on ports picked at random so that a leftover of another run does not get
 * in the way, and are killed whatever way the test ends ({@link CleanupOnExit}).
 */
final class LoopbackCluster implements AutoCloseable {
    static final int minBasePort = 20_000;
    /**
     * Layouts stay below 32768, where Linux's ephemeral range starts: a port in it can be taken as
     * the source port of any outbound connection (another node's Raft client, say) between the
     * check that it is free and the node binding it.
     */
    static final int basePortRange = 12_000;
    /** Layouts tried before giving up on finding free ports. */
    static final int portAttempts = 5;
    static final List<String> serverArgs = List.of("--settlement-interval", "0");
    /** How long a group may be without a leader before a test gives up on it. */
    static final long leaderBoundMs = 30_000;

    private final LocalCluster local;
    private final Path jar;
    private final List<String> jvmOptions;
    private final String previousJar;
    private final CleanupOnExit.Registration killNodes;

    private LoopbackCluster(LocalCluster local, Path jar, List<String> jvmOptions, String previousJar) {
        this.local = local;
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.previousJar = previousJar;
        this.killNodes = CleanupOnExit.register("the nodes of " + local.layout().dir(), this::killAll);
    }

    /**
     * Starts {@code nodes} nodes with {@code shards} shard groups in {@code dir} and waits until
     * every node is healthy and each group is led by its preferred leader.
     */
    static LoopbackCluster start(Path dir, int nodes, int shards, long seed) throws Exception {
        Path jar = NodeJvm.pinJar(dir.resolve("bin"));
        List<String> jvm = NodeJvm.options(dir);
        // LocalCluster starts nodes with the jar this property names.
        String previous = System.setProperty(NodeJvm.jarProperty, jar.toString());
        LocalCluster local;
        try {
            local = create(dir, nodes, shards, seed, jvm);
        } catch (Exception | AssertionError e) {
            restore(previous);
            throw e;
        }
        LoopbackCluster cluster = new LoopbackCluster(local, jar, jvm, previous);
        try {
            local.startAll();
            local.rebalance(line -> { });
        } catch (Exception | AssertionError e) {
            cluster.printLogs();
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Writes the cluster file in a new directory under {@code dir}, on ports no process listens on. */
    private static LocalCluster create(Path dir, int nodes, int shards, long seed, List<String> jvm)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ClusterFailure last = null;
        for (int attempt = 0; attempt < portAttempts; attempt++) {
            int basePort = minBasePort + 200 * random.nextInt(basePortRange / 200);
            try {
                return LocalCluster.create(dir.resolve("cluster-" + attempt), nodes, basePort, shards,
                        ClusterFile.defaultElectionTimeoutMs, serverArgs, jvm);
            } catch (ClusterFailure portsTaken) {
                last = portsTaken;
            }
        }
        throw new IllegalStateException("no free ports for the cluster in " + portAttempts + " layouts", last);
    }

    LocalCluster local() {
        return local;
    }

    /** The jar the nodes run: {@code atta cluster} verbs run from it too. */
    Path jar() {
        return jar;
    }

    /** The JVM options of every node, for nodes a verb starts ({@code add-node --jvm-opts}). */
    List<String> jvmOptions() {
        return jvmOptions;
    }

    Path dir() {
        return local.layout().dir();
    }

    ClusterFile file() {
        return local.file();
    }

    String adminKey() {
        return local.adminKey();
    }

    URI uri(int node) {
        return local.httpUri(node);
    }

    /** The nodes of the cluster file as it is now. */
    List<NodeAddress> nodes() {
        return List.copyOf(file().nodes().values());
    }

    List<URI> uris() {
        return nodes().stream().map(n -> uri(n.id())).toList();
    }

    /** The routing table of node {@code node}'s data directory (the same on every node). */
    Routing routing(int node) {
        return RoutingTableFile.load(local.layout().nodeDir(node));
    }

    Path serverLog(int node) {
        return local.layout().serverLog(node);
    }

    /** SIGKILL to node {@code node}. */
    void kill(int node) throws IOException, InterruptedException {
        if (!local.kill(node)) {
            throw new IllegalStateException("node " + node + " was not running");
        }
    }

    /** The node that leads {@code shard} by every node's /v1/admin/cluster, waiting out an election. */
    int awaitLeader(int shard) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaderBoundMs);
        while (true) {
            int leader = local.leaderOf(shard);
            if (leader != ClusterView.noLeader) {
                return leader;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("shard " + shard + " has no leader after " + leaderBoundMs + " ms: "
                        + local.status().views());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Starts node {@code node} again on its data, waits until it is healthy and returns the milliseconds that took. */
    long restart(int node) throws IOException, InterruptedException {
        long began = System.nanoTime();
        local.startNode(node);
        local.awaitHealthy(List.of(node));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    /** Prints the end of every node's log (the run's directory is kept when a test fails). */
    void printLogs() {
        for (int id : nodeDirs()) {
            NodeLogs.printTail(local.layout().serverLog(id));
        }
    }

    /** Ids of every node that has a directory, removed nodes included. */
    private List<Integer> nodeDirs() {
        List<Integer> ids = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(local.layout().dir())) {
            dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("node-\\d+"))
                    .map(n -> Integer.parseInt(n.substring("node-".length()))).sorted().forEach(ids::add);
        } catch (IOException e) {
            System.err.println("cannot list " + local.layout().dir() + ": " + e);
        }
        return ids;
    }

    private void killAll() {
        for (int id : nodeDirs()) {
            try {
                local.kill(id);
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot kill node " + id + " of " + local.layout().dir() + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops every node (SIGTERM, then SIGKILL for one that lingers). */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            local.stop();
        } finally {
            killNodes.close();
            restore(previousJar);
        }
    }

    private static void restore(String previousJar) {
        if (previousJar == null) {
            System.clearProperty(NodeJvm.jarProperty);
        } else {
            System.setProperty(NodeJvm.jarProperty, previousJar);
        }
    }
}
