package io.atta.cli.bench;

import io.atta.cli.cluster.LocalCluster;
import io.atta.cli.cluster.LocalLayout;
import io.atta.client.AttaClient;
import io.atta.client.ClientOptions;
import io.atta.client.RetryPolicy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The local cluster a {@code --nodes N} bench runs against: N {@code atta server} processes in
 * the bench's temporary directory, started as {@code atta cluster start} starts them (default
 * server options, so settlement sweeps run as under {@code atta server}; each group's leadership
 * on its preferred node; the nodes run a copy of the jar, which LocalCluster keeps in the
 * directory), on ports that are free when it starts. Closing stops every node and
 * says on stderr which kinds of error the node logs hold, since the directory is deleted
 * afterwards.
 */
final class BenchCluster implements AutoCloseable {
    /** Base ports are drawn from {@code [minBasePort, maxBasePort)}: away from the defaults of atta server and atta cluster. */
    static final int minBasePort = 20_000;
    static final int maxBasePort = 50_000;
    static final int basePortDraws = 20;
    /**
     * The bench client's retries: enough to wait out a leader's election (election timeout 1 s;
     * a node that forwards waits up to 5 s for a leader before it answers unavailable), about
     * 15 s of backoff in all, so that a failover does not fail the run.
     */
    static final RetryPolicy retry = new RetryPolicy(40, 10, 500);
    /** Kinds of error line of a node's log shown on stderr when the cluster stops. */
    static final int quotedErrorKinds = 3;
    /** Characters of an error line that make its kind. */
    static final int maxKindChars = 160;

    private final LocalCluster cluster;
    private final PrintWriter err;

    private BenchCluster(LocalCluster cluster, PrintWriter err) {
        this.cluster = cluster;
        this.err = err;
    }

    /** Starts {@code nodes} nodes with {@code shards} shards in {@code dir} and waits until each is healthy. */
    static BenchCluster start(Path dir, int nodes, int shards, PrintWriter err) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int basePort = freeBasePort(nodes);
        err.printf("[bench] starting a local cluster of %d nodes, %d shards, in %s (HTTP ports %d-%d)%n", nodes,
                shards, dir, basePort + LocalLayout.httpPortOffset + 1, basePort + LocalLayout.httpPortOffset + nodes);
        err.flush();
        long began = System.nanoTime();
        try {
            LocalCluster cluster = LocalCluster.start(dir, nodes, basePort, shards, List.of(), null);
            err.printf("[bench] cluster healthy after %.1f s%n", (System.nanoTime() - began) / 1e9);
            return new BenchCluster(cluster, err);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Nodes that did start outlive this JVM unless stopped here.
            if (Files.isRegularFile(new LocalLayout(dir).clusterFile())) {
                LocalCluster.open(dir, List.of(), List.of()).stop();
            }
            throw e;
        }
    }

    LocalCluster local() {
        return cluster;
    }

    /** The bench's client: every node, single-shard batches to their leader, patient retries. */
    AttaClient client(int maxConnections) {
        List<URI> nodes = new ArrayList<>();
        for (int id : cluster.file().nodes().keySet()) {
            nodes.add(cluster.httpUri(id));
        }
        return AttaClient.create(ClientOptions.ofNodes(nodes, cluster.adminKey()).withMaxConnections(maxConnections)
                .withRetry(retry));
    }

    /** A base port whose nodes' raft and HTTP ports are all free now. */
    static int freeBasePort(int nodes) {
        for (int draw = 0; draw < basePortDraws; draw++) {
            int base = ThreadLocalRandom.current().nextInt(minBasePort, maxBasePort);
            boolean free = true;
            for (int id = 1; id <= nodes && free; id++) {
                free = isFree(base + id) && isFree(base + LocalLayout.httpPortOffset + id);
            }
            if (free) {
                return base;
            }
        }
        throw new BenchFailure("no free ports for " + nodes + " nodes after " + basePortDraws + " draws between "
                + minBasePort + " and " + maxBasePort);
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(LocalLayout.host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops every node (SIGTERM, SIGKILL after a bound), after saying which node logs hold errors. */
    @Override
    public void close() {
        try {
            reportLogErrors();
            cluster.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping the bench cluster in " + cluster.layout().dir(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while stopping the bench cluster", e);
        }
    }

    /**
     * For each node, its ERROR lines grouped by kind (the logger and the start of the message,
     * with numbers and addresses made alike), most frequent first. Starting nodes log failed
     * connections to peers not up yet, and a kill makes the others log theirs; other kinds
     * deserve a look.
     */
    private void reportLogErrors() throws IOException {
        for (int id : cluster.file().nodes().keySet()) {
            Path log = cluster.layout().serverLog(id);
            if (!Files.isRegularFile(log)) {
                continue;
            }
            Map<String, Integer> kinds = new HashMap<>();
            long warnings = 0;
            try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    int error = line.indexOf(" ERROR ");
                    if (error >= 0) {
                        kinds.merge(kind(line.substring(error + " ERROR ".length())), 1, Integer::sum);
                    } else if (line.contains(" WARN ")) {
                        warnings++;
                    }
                }
            }
            int errors = kinds.values().stream().mapToInt(Integer::intValue).sum();
            if (errors > 0 || warnings > 0) {
                err.printf("[bench] node %d's server.log: %d ERROR and %d WARN lines%n", id, errors, warnings);
                kinds.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(quotedErrorKinds)
                        .forEach(e -> err.printf("[bench]   %d x %s%n", e.getValue(), e.getKey()));
            }
        }
        err.flush();
    }

    /** An error line without its thread, with digits made alike and the message cut short. */
    static String kind(String afterLevel) {
        String withoutThread = afterLevel.replaceFirst("^\\[[^\\]]*\\] ", "");
        String alike = withoutThread.replaceAll("\\d+", "N");
        return alike.length() <= maxKindChars ? alike : alike.substring(0, maxKindChars) + "...";
    }
}
