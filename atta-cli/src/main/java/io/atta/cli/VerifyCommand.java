package io.atta.cli;

import io.atta.cluster.AttaNode;
import io.atta.cluster.Invariants;
import io.atta.cluster.InvariantsReport;
import io.atta.cluster.NodeOptions;
import io.atta.cluster.history.ChainCheck;
import io.atta.server.admin.InvariantsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code atta verify}: opens a stopped node's data directory, replays every shard's log as a
 * start would, and checks the ledger's invariants across all shards (docs/OPERATIONS.md). The
 * node is opened inspect-only: it neither drives unfinished transactions nor ticks nor sweeps,
 * so the report shows what is on disk. Before the replay, which rebuilds each shard's history,
 * every shard's audit chain is recomputed from the history on disk ({@link ChainCheck},
 * docs/AUDIT.md). Exit 0 when every invariant holds and every chain verifies, 3 when one is
 * broken, 1 when the directory cannot be opened.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Opens a stopped node's data directory and checks the ledger across all shards: per-currency "
                + "sums (debits = credits), in-transit balances, unfinished cross-shard transactions; and recomputes "
                + "every shard's audit chain from its stored history (a changed, missing or reordered record names "
                + "the shard and the height).",
                "Exit codes: 0 every invariant holds, 3 one is broken (the report lists it), 1 the directory cannot "
                        + "be opened (for instance while a server runs on it)."})
public final class VerifyCommand implements Callable<Integer> {
    /** The exit code when the report lists violations. */
    static final int exitViolations = 3;
    /** How long the shards may take to answer once replayed. */
    static final long checkTimeoutSecs = 60;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "The data directory of a stopped node.")
    private Path dataDir;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "The address the node binds its raft port to, as given to atta server (default: "
                    + "${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--json", description = "Print the JSON document (as GET /v1/admin/invariants answers).")
    private boolean json;

    /** What {@code node.properties} pins: the shard count and the raft port. */
    private record Pinned(int shards, int raftPort) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InvariantsReport report;
        Pinned pinned;
        List<ChainCheck.Outcome> chains;
        try {
            pinned = pinned();
            // Before the replay: opening the node rebuilds each shard's history from its snapshot.
            chains = chains(pinned);
            report = check(pinned);
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            err.println("atta verify: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (json) {
            out.println(new String(InvariantsJson.of(report), StandardCharsets.UTF_8));
        } else {
            out.print(InvariantsTable.of(report, pinned.shards()));
        }
        boolean chainsOk = true;
        for (ChainCheck.Outcome c : chains) {
            if (c.ok()) {
                err.println("audit chain of shard " + c.shard() + ": " + c.blocks() + " blocks recomputed, "
                        + c.transfers() + " transfers match their events");
            } else {
                chainsOk = false;
                err.println("audit chain BROKEN: " + c.failure());
            }
        }
        out.flush();
        err.flush();
        return report.ok() && chainsOk ? 0 : exitViolations;
    }

    /** Each shard's stored history recomputed against its audit chain (docs/AUDIT.md). */
    private List<ChainCheck.Outcome> chains(Pinned pinned) {
        List<ChainCheck.Outcome> out = new ArrayList<>();
        for (int s = 0; s < pinned.shards(); s++) {
            Path history = dataDir.resolve("shard-" + s).resolve("history");
            if (Files.isDirectory(history)) {
                out.add(ChainCheck.check(s, history));
            }
        }
        return out;
    }

    private Pinned pinned() throws IOException {
        Path file = dataDir.resolve("node.properties");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dataDir + " is not an Atta data directory (it has no node.properties)");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        if (p.getProperty("clusterNodeId") != null) {
            // Its log names three replicas: alone it can neither elect nor know what was committed.
            throw new IllegalArgumentException(dataDir + " belongs to node " + p.getProperty("clusterNodeId")
                    + " of a cluster; verify a cluster while it runs: GET /v1/admin/invariants on any node,"
                    + " and atta cluster status for the replicas");
        }
        try {
            return new Pinned(Integer.parseInt(p.getProperty("shards")), Integer.parseInt(p.getProperty("raftPort")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " lacks a valid shards or raftPort", e);
        }
    }

    private InvariantsReport check(Pinned pinned) throws IOException {
        // A server on the directory holds its raft port: say so now, before opening anything of it.
        if (inUse(host, pinned.raftPort())) {
            throw new IllegalStateException(runningMessage("its raft port " + host + ":" + pinned.raftPort()
                    + " is in use"));
        }
        LogDirectory.useUnder(dataDir);
        NodeOptions options = new NodeOptions(dataDir, host, 0, pinned.shards(),
                NodeOptions.defaultSnapshotIntervalSecs, NodeOptions.defaultTickIntervalMs).withInspectOnly(true);
        AttaNode node;
        try {
            node = AttaNode.start(options);
        } catch (RuntimeException e) {
            throw new IllegalStateException(runningMessage(e.getMessage()), e);
        }
        try (node) {
            Instant now = Instant.now();
            return Invariants.check(node, now.getEpochSecond() * 1_000_000_000L + now.getNano())
                    .get(checkTimeoutSecs, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the shards of " + dataDir + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String runningMessage(String cause) {
        return "cannot open " + dataDir + ": " + cause + ". Is a server running on " + dataDir
                + "? Stop it first: verify needs the directory to itself.";
    }

    /** How long a held raft port is watched before it counts as a running server's. */
    static final long portReleaseWaitMs = 3_000;

    /**
     * True when the port stays taken for {@link #portReleaseWaitMs}: a node that just stopped
     * (bolt releases its port asynchronously) is waited for; a running server is not.
     */
    private static boolean inUse(String host, int port) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(portReleaseWaitMs);
        while (true) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(host, port));
                return false;
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    return true;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            } catch (IOException e) {
                // Not a port in use: the node's own start reports what is wrong with the address.
                return false;
            }
        }
    }
}
