package io.atta.cli.cluster;

import io.atta.cli.PrivateDataDirectory;
import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;

import io.atta.server.secrets.MasterKeyFile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A cluster of {@code atta server} processes on this machine, laid out as {@link LocalLayout}
 * says: what {@code atta cluster start/stop} run, and what tests and benchmarks use to start a
 * real cluster, kill a node with SIGKILL and start it again. The processes outlive this object
 * and this JVM; each node's pid file says which process is its server, so a later
 * {@code LocalCluster} (or {@code atta cluster stop}) finds them again.
 */
public final class LocalCluster implements AutoCloseable {
    public static final int minNodes = ClusterFile.replicasPerGroup;
    public static final int maxNodes = 9;
    /** How long a node may take to answer {@code /health} with 200 after its process starts, a long replay included. */
    public static final long startTimeoutMs = 120_000;
    /** How long a node may take to exit after SIGTERM before it gets SIGKILL. */
    public static final long stopTimeoutMs = 60_000;
    /** How long the kernel may take to reap a process after SIGKILL. */
    public static final long killTimeoutMs = 30_000;
    static final long pollIntervalMs = 100;
    /** Lines of a node's server.log shown when it failed to start. */
    static final int logTailLines = 20;

    /** What {@link #stop} did to one node. */
    public enum StopOutcome {
        /** It exited after SIGTERM. */
        stopped,
        /** It did not exit within {@link #stopTimeoutMs} of SIGTERM and was sent SIGKILL. */
        killed,
        /** No process of it was running. */
        notRunning
    }

    public record Stopped(int node, long pid, StopOutcome outcome) {
    }

    private final LocalLayout layout;
    private final String adminKey;
    private final List<String> serverArgs;
    private final List<String> jvmOptions;
    private final NodeApi api;
    /** Processes this object started: their exit codes tell why a start failed. */
    private final Map<Integer, Process> launched = new TreeMap<>();

    private LocalCluster(LocalLayout layout, String adminKey, List<String> serverArgs, List<String> jvmOptions) {
        this.layout = layout;
        this.adminKey = adminKey;
        this.serverArgs = List.copyOf(serverArgs);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.api = new NodeApi(adminKey);
    }

    /**
     * Starts a cluster of {@code nodes} nodes in {@code dir} (or, when {@code dir} already holds
     * one, its nodes that are not running), waits until every node is healthy and moves each
     * group's leadership to its preferred leader.
     *
     * @param extraServerArgs further {@code atta server} options of every node ({@code --settlement-interval 0})
     * @param jvmArgs         JVM options of every node; null for {@link ServerLaunch#defaultJvmOptions}
     */
    public static LocalCluster start(Path dir, int nodes, int basePort, int shards, List<String> extraServerArgs,
                                     List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> jvm = jvmArgs == null ? ServerLaunch.defaultJvmOptions : jvmArgs;
        LocalLayout layout = new LocalLayout(dir);
        LocalCluster cluster = Files.exists(layout.clusterFile()) ? open(dir, extraServerArgs, jvm)
                : create(dir, nodes, basePort, shards, ClusterFile.defaultElectionTimeoutMs, extraServerArgs, jvm);
        cluster.startAll();
        cluster.rebalance(line -> { });
        return cluster;
    }

    /**
     * Writes the cluster file of a new cluster, and its admin key unless {@code dir} has one;
     * starts nothing. Checks first that every port the nodes will use is free.
     */
    public static LocalCluster create(Path dir, int nodes, int basePort, int shards, int electionTimeoutMs,
                                      List<String> serverArgs, List<String> jvmOptions) throws IOException {
        if (nodes < minNodes || nodes > maxNodes) {
            throw new IllegalArgumentException("a local cluster has between " + minNodes + " and " + maxNodes
                    + " nodes (maxNodes), got " + nodes);
        }
        if (basePort < LocalLayout.minBasePort || basePort > LocalLayout.maxBasePort) {
            throw new IllegalArgumentException("the base port must be between " + LocalLayout.minBasePort + " and "
                    + LocalLayout.maxBasePort + " (maxBasePort), got " + basePort);
        }
        LocalLayout layout = new LocalLayout(dir);
        if (Files.exists(layout.clusterFile())) {
            throw new IllegalStateException(layout.clusterFile() + " already exists");
        }
        List<NodeAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= nodes; id++) {
            addresses.add(LocalLayout.address(basePort, id));
        }
        ClusterFile file = ClusterFile.of(shards, addresses, electionTimeoutMs);
        PortCheck.requireFree(addresses, "; choose another --base-port or stop what listens there");
        PrivateDataDirectory.createOrTighten(layout.dir());
        String key = ClusterAdminKey.readOrCreate(layout.adminKeyFile());
        sharedMasterKey(layout);
        file.write(layout.clusterFile());
        return new LocalCluster(layout, key, serverArgs, jvmOptions);
    }

    /** The cluster already in {@code dir}: its file and admin key must exist. */
    public static LocalCluster open(Path dir, List<String> serverArgs, List<String> jvmOptions) throws IOException {
        LocalLayout layout = new LocalLayout(dir);
        if (!Files.isRegularFile(layout.clusterFile())) {
            throw new IllegalArgumentException(layout.dir() + " holds no " + LocalLayout.clusterFileName);
        }
        String key = ClusterAdminKey.readOrCreate(layout.adminKeyFile());
        sharedMasterKey(layout);
        return new LocalCluster(layout, key, serverArgs, jvmOptions);
    }

    /**
     * The master key every node seals webhook secrets with, made once in {@code DIR/master.key}:
     * a secret sealed by the node that took the request is opened by whichever node leads its shard.
     */
    private static void sharedMasterKey(LocalLayout layout) {
        try {
            MasterKeyFile.loadOrCreate(layout.dir());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new ClusterFailure(e.getMessage());
        }
    }

    public LocalLayout layout() {
        return layout;
    }

    /** The cluster file as it is on disk now (membership changes rewrite it). */
    public ClusterFile file() {
        return ClusterFile.load(layout.clusterFile());
    }

    public String adminKey() {
        return adminKey;
    }

    public URI httpUri(int node) {
        return NodeApi.baseUri(file().node(node));
    }

    /** Node {@code node}'s server process id, or -1 when it does not run. */
    public long pid(int node) throws IOException {
        return process(node).map(ProcessHandle::pid).orElse(-1L);
    }

    public boolean isRunning(int node) throws IOException {
        return process(node).isPresent();
    }

    /**
     * Starts every node that does not run and waits until all nodes are healthy; returns the
     * ids of the nodes it started.
     */
    public List<Integer> startAll() throws IOException, InterruptedException {
        ClusterFile file = file();
        List<Integer> stopped = new ArrayList<>();
        for (int id : file.nodes().keySet()) {
            if (!isRunning(id)) {
                stopped.add(id);
            }
        }
        PortCheck.requireFree(stopped.stream().map(file::node).toList());
        try {
            for (int id : stopped) {
                launch(id);
            }
            awaitHealthy(file.nodes().keySet());
        } catch (ClusterFailure e) {
            // Half a cluster is no use and holds the ports: the nodes started here stop again.
            stop(stopped);
            throw new ClusterFailure(e.getMessage() + "\nstopped the nodes started (" + joined(stopped) + ")", e);
        }
        return stopped;
    }

    /** Starts node {@code node} (which must not run) and waits until it answers HTTP, healthy or not. */
    public void startNode(int node) throws IOException, InterruptedException {
        if (isRunning(node)) {
            throw new ClusterFailure("node " + node + " already runs (pid " + pid(node) + ")");
        }
        PortCheck.requireFree(List.of(file().node(node)));
        launch(node);
        await(List.of(node), h -> h != NodeApi.Health.unreachable, "answer HTTP");
    }

    /** SIGKILL: nothing of node {@code node} is flushed that was not durable. False when it did not run. */
    public boolean kill(int node) throws IOException, InterruptedException {
        Optional<ProcessHandle> p = process(node);
        if (p.isEmpty()) {
            return false;
        }
        p.get().destroyForcibly();
        ProcessExit.require(p.get(), killTimeoutMs, "SIGKILL");
        Files.deleteIfExists(layout.pidFile(node));
        return true;
    }

    /** Stops node {@code node} if it runs (SIGTERM), starts it again and waits until it is healthy. */
    public void restart(int node) throws IOException, InterruptedException {
        stop(List.of(node));
        PortCheck.requireFree(List.of(file().node(node)));
        launch(node);
        awaitHealthy(List.of(node));
    }

    /** Stops every node: SIGTERM to all, then SIGKILL to those still running after {@link #stopTimeoutMs}. */
    public List<Stopped> stop() throws IOException, InterruptedException {
        Set<Integer> ids = new LinkedHashSet<>(file().nodes().keySet());
        // A node removed from the file may still run: its pid file says so.
        try (var dirs = Files.list(layout.dir())) {
            dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("node-\\d+"))
                    .map(n -> Integer.parseInt(n.substring("node-".length())))
                    .filter(id -> Files.exists(layout.pidFile(id))).sorted().forEach(ids::add);
        }
        return stop(ids);
    }

    /** Stops the given nodes as {@link #stop()} does. */
    public List<Stopped> stop(Collection<Integer> nodes) throws IOException, InterruptedException {
        Map<Integer, ProcessHandle> running = new TreeMap<>();
        List<Stopped> outcomes = new ArrayList<>();
        for (int id : nodes) {
            Optional<ProcessHandle> p = process(id);
            if (p.isPresent()) {
                p.get().destroy();
                running.put(id, p.get());
            } else {
                Files.deleteIfExists(layout.pidFile(id));
                outcomes.add(new Stopped(id, -1, StopOutcome.notRunning));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stopTimeoutMs);
        for (Map.Entry<Integer, ProcessHandle> e : running.entrySet()) {
            ProcessHandle p = e.getValue();
            long leftMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            StopOutcome outcome = StopOutcome.stopped;
            if (!ProcessExit.within(p, leftMs)) {
                p.destroyForcibly();
                ProcessExit.require(p, killTimeoutMs, "SIGKILL");
                outcome = StopOutcome.killed;
            }
            Files.deleteIfExists(layout.pidFile(e.getKey()));
            outcomes.add(new Stopped(e.getKey(), p.pid(), outcome));
        }
        outcomes.sort((a, b) -> Integer.compare(a.node(), b.node()));
        return outcomes;
    }

    /** Every node's view of the shard groups. */
    public ClusterView status() throws InterruptedException {
        return ClusterView.gather(file(), api);
    }

    /** The node that leads {@code shard} as the nodes say, or {@link ClusterView#noLeader}. */
    public int leaderOf(int shard) throws InterruptedException {
        return status().leaderOf(shard);
    }

    /** Moves each group's leadership to its preferred leader (see {@link Rebalance}). */
    public void rebalance(Consumer<String> progress) {
        ClusterFile file = file();
        try (Membership groups = Membership.open(file, layout.cliLogs())) {
            Rebalance.run(file, groups, progress);
        }
    }

    /** Waits until every node of {@code nodes} answers {@code /health} with 200. */
    public void awaitHealthy(Collection<Integer> nodes) throws IOException, InterruptedException {
        await(nodes, h -> h == NodeApi.Health.healthy, "become healthy");
    }

    /** Stops every node. */
    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while stopping the cluster in " + layout.dir());
        }
    }

    private Optional<ProcessHandle> process(int node) throws IOException {
        return PidFile.read(layout.pidFile(node)).flatMap(PidFile::liveProcess);
    }

    private void launch(int node) throws IOException {
        List<String> command = ServerLaunch.command(ServerLaunch.program(layout), jvmOptions, layout, node, serverArgs);
        PrivateDataDirectory.createOrTighten(layout.nodeDir(node));
        try {
            MasterKeyFile.install(layout.masterKeyFile(), layout.nodeDir(node));
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new ClusterFailure(e.getMessage());
        }
        Files.writeString(layout.serverLog(node), "---- " + Instant.now() + " atta cluster starts node " + node
                        + ": " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p = ServerLaunch.start(command, layout, node, adminKey);
        launched.put(node, p);
        PidFile.of(p.toHandle()).write(layout.pidFile(node));
    }

    private void await(Collection<Integer> nodes, java.util.function.Predicate<NodeApi.Health> ready, String what)
            throws IOException, InterruptedException {
        ClusterFile file = file();
        Set<Integer> waiting = new LinkedHashSet<>(nodes);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(startTimeoutMs);
        while (true) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                int id = it.next();
                if (ready.test(api.health(file.node(id)))) {
                    it.remove();
                } else if (!isRunning(id)) {
                    throw new ClusterFailure(exited(id));
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                int first = waiting.iterator().next();
                throw new ClusterFailure("node" + (waiting.size() == 1 ? " " : "s ") + joined(waiting)
                        + " did not " + what + " within " + startTimeoutMs + " ms (startTimeoutMs); see "
                        + layout.serverLog(first) + " and " + layout.nodeLogs(first));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
        }
    }

    private String exited(int node) throws IOException {
        Process p = launched.get(node);
        String code = "";
        if (p != null && !p.isAlive()) {
            code = " with code " + p.exitValue();
        }
        StringBuilder b = new StringBuilder("node " + node + "'s server exited" + code + "; the end of "
                + layout.serverLog(node) + ":");
        if (Files.isRegularFile(layout.serverLog(node))) {
            List<String> lines = Files.readAllLines(layout.serverLog(node), StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.max(0, lines.size() - logTailLines), lines.size())) {
                b.append("\n  ").append(line);
            }
        }
        return b.toString();
    }

    private static String joined(Collection<Integer> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }
}
