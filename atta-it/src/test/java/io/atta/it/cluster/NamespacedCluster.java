package io.atta.it.cluster;

import io.atta.cli.OwnerOnlyUmask;
import io.atta.cli.cluster.ClusterView;
import io.atta.cli.cluster.NodeApi;
import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;
import io.atta.cluster.Routing;
import io.atta.cluster.RoutingTableFile;
import io.atta.server.secrets.MasterKeyFile;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A cluster whose nodes each run in a network namespace of a {@link Netns}: node {@code i}
 * serves HTTP on {@code <http address>:8100} and raft on {@code <raft address>:7100}, started
 * with {@code ip netns exec <namespace> java … atta server --cluster …}. Nodes are killed
 * however the test ends ({@link CleanupOnExit}), before the namespaces are deleted.
 */
final class NamespacedCluster implements AutoCloseable {
    static final int raftPort = 7100;
    static final int httpPort = 8100;
    static final long healthyBoundMs = 120_000;
    static final long killBoundMs = 30_000;
    static final List<String> serverArgs = List.of("--settlement-interval", "0");

    private final Path dir;
    private final Netns net;
    private final ClusterFile file;
    private final String adminKey;
    private final Path jar;
    private final List<String> jvm;
    private final NodeApi api;
    private final Map<Integer, Process> processes = new TreeMap<>();
    private final CleanupOnExit.Registration killNodes;

    private NamespacedCluster(Path dir, Netns net, ClusterFile file, String adminKey) throws IOException {
        this.dir = dir;
        this.net = net;
        this.file = file;
        this.adminKey = adminKey;
        this.jar = NodeJvm.pinJar(dir.resolve("bin"));
        this.jvm = NodeJvm.options(dir);
        this.api = new NodeApi(adminKey);
        this.killNodes = CleanupOnExit.register("the nodes in " + dir, this::killAll);
    }

    /** Writes the cluster file for the nodes of {@code net}, starts every node and waits until all are healthy. */
    static NamespacedCluster start(Path dir, Netns net, int nodes, int shards, String adminKey) throws IOException {
        List<NodeAddress> addresses = new ArrayList<>();
        for (int id = 1; id <= nodes; id++) {
            Netns.Node n = net.node(id);
            addresses.add(new NodeAddress(id, n.raftAddress(), raftPort, n.httpAddress(), httpPort));
        }
        ClusterFile file = ClusterFile.of(shards, addresses, ClusterFile.defaultElectionTimeoutMs);
        file.write(dir.resolve("cluster.properties"));
        MasterKeyFile.loadOrCreate(dir);
        NamespacedCluster cluster = new NamespacedCluster(dir, net, file, adminKey);
        try {
            for (int id = 1; id <= nodes; id++) {
                cluster.launch(id);
            }
            for (int id = 1; id <= nodes; id++) {
                cluster.awaitHealthy(id);
            }
        } catch (RuntimeException | IOException e) {
            cluster.printLogs();
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void launch(int id) throws IOException {
        Path data = nodeDir(id);
        Files.createDirectories(data.resolve("logs"));
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(jvm);
        java.add("-Dlogging.path=" + data.resolve("logs"));
        java.addAll(List.of("-jar", jar.toString(), "server", "--cluster", dir.resolve("cluster.properties").toString(),
                "--node-id", Integer.toString(id), "--data", data.toString()));
        java.addAll(serverArgs);
        // One master key for every node (as atta cluster start gives them), and files owner-only.
        MasterKeyFile.install(dir.resolve(MasterKeyFile.fileName), data);
        List<String> command = net.inNamespace(id, OwnerOnlyUmask.wrap(java));
        Files.writeString(serverLog(id), "---- " + Instant.now() + " starts node " + id + ": "
                + String.join(" ", command) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog(id).toFile()));
        pb.environment().put("ATTA_ADMIN_KEY", adminKey);
        processes.put(id, pb.start());
    }

    private void awaitHealthy(int id) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(healthyBoundMs);
        try {
            while (api.health(file.node(id)) != NodeApi.Health.healthy) {
                if (!processes.get(id).isAlive()) {
                    throw new IllegalStateException("node " + id + " exited with code " + processes.get(id).exitValue()
                            + "; see " + serverLog(id));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + id + " not healthy within " + healthyBoundMs + " ms");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for node " + id, e);
        }
    }

    ClusterFile file() {
        return file;
    }

    String adminKey() {
        return adminKey;
    }

    Netns net() {
        return net;
    }

    List<NodeAddress> nodes() {
        return List.copyOf(file.nodes().values());
    }

    URI uri(int id) {
        return NodeApi.baseUri(file.node(id));
    }

    List<URI> uris() {
        return nodes().stream().map(NodeApi::baseUri).toList();
    }

    Routing routing(int id) {
        return RoutingTableFile.load(nodeDir(id));
    }

    /** What every node says about the groups (through HTTP, which a raft partition does not cut). */
    ClusterView view() throws InterruptedException {
        return ClusterView.gather(file, api);
    }

    Path serverLog(int id) {
        return nodeDir(id).resolve("server.log");
    }

    private Path nodeDir(int id) {
        return dir.resolve("node-" + id);
    }

    void printLogs() {
        for (int id : file.nodes().keySet()) {
            NodeLogs.printTail(serverLog(id));
        }
    }

    private void killAll() {
        for (Process p : processes.values()) {
            p.destroyForcibly();
        }
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(killBoundMs, TimeUnit.MILLISECONDS)) {
                    System.err.println("node process " + p.pid() + " did not exit within " + killBoundMs + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** SIGKILL to every node: nothing of a node outlives the test. */
    @Override
    public void close() {
        killNodes.close();
    }
}
