package io.atta.cli;

import io.atta.cluster.ClusterFile;
import io.atta.cluster.NodeOptions;
import io.atta.server.gateway.GatewayOptions;
import io.atta.server.notify.RetrySchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code atta server}: runs one durable node with its HTTP API until SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Runs a durable Atta node and serves the REST API until stopped (SIGTERM, Ctrl-C).")
public final class ServerCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory: Raft logs, snapshots, history, admin.key, logs (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--host", description = "Address to bind (default: 127.0.0.1, loopback only).")
    private String host;

    @Option(names = "--port", description = "HTTP port, 0 for any free one (default: 8080).")
    private Integer port;

    @Option(names = "--cluster", paramLabel = "FILE",
            description = "Run as one node of the cluster this file describes (docs/CLUSTER.md); the node's "
                    + "addresses and the shard count come from the file. Needs --node-id.")
    private Path clusterFile;

    @Option(names = "--node-id", paramLabel = "N", description = "Which node of the --cluster file this is.")
    private Integer nodeId;

    @Option(names = "--shards", paramLabel = "N",
            description = "Shard groups, fixed when the data directory is created (default: available processors).")
    private Integer shards;

    @Option(names = "--snapshot-interval", paramLabel = "SECONDS",
            defaultValue = "" + NodeOptions.defaultSnapshotIntervalSecs,
            description = "How often each shard snapshots its state; bounds how much log a restart replays "
                    + "(default: ${DEFAULT-VALUE}).")
    private int snapshotIntervalSecs;

    @Option(names = "--settlement-interval", paramLabel = "SECONDS",
            defaultValue = "" + NodeOptions.defaultSettlementIntervalSecs,
            description = "How often each shard's house balances are swept to the global house accounts, one "
                    + "cross-shard transaction per shard; 0 turns sweeps off (default: ${DEFAULT-VALUE}).")
    private int settlementIntervalSecs;

    @Option(names = "--test-clock",
            description = "Test mode: run on a clock that POST /v1/test/clock/advance moves forward, so that expiries,"
                    + " deadlines and settlement sweeps can be tested without waiting (docs/API.md, Test clock)."
                    + " One node only; not with --cluster.")
    private boolean testClock;

    @Option(names = "--webhook-retry-intervals", paramLabel = "LIST",
            defaultValue = RetrySchedule.standardText,
            description = "Waits between deliveries of a merchant notification, after each failed one: whole numbers"
                    + " with ms, s, m, h or d; after the last, the notification is abandoned (default: ${DEFAULT-VALUE},"
                    + " 8 deliveries over about 24 hours).")
    private String webhookRetryIntervals;

    @Option(names = "--alipay-notify-intervals", paramLabel = "LIST",
            defaultValue = GatewayOptions.standardNotifyRetriesText,
            description = "Waits between deliveries of an Alipay gateway notification (trade_status_sync) the merchant"
                    + " did not answer with success: as --webhook-retry-intervals (default: ${DEFAULT-VALUE},"
                    + " 8 deliveries over about 25 hours).")
    private String alipayNotifyIntervals;

    @Option(names = "--refund-window-days", paramLabel = "DAYS", defaultValue = "90",
            description = "How long after payment an Alipay gateway trade may be refunded; then it is TRADE_FINISHED"
                    + " (default: ${DEFAULT-VALUE}, about 3 months).")
    private long refundWindowDays;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The address buyers and merchants reach this server at, for qr_code and the cashier page"
                    + " (default: http://HOST:PORT as bound).")
    private String publicUrl;

    @Option(names = "--allow-private-webhooks",
            description = "Let merchants' webhook_url and gateway notify_url reach loopback, private (10/8, 172.16/12,"
                    + " 192.168/16, fc00::/7) and CGNAT addresses: for tests and on-premise receivers. Link-local"
                    + " (cloud metadata), multicast and other non-public addresses stay refused (docs/OPERATIONS.md).")
    private boolean allowPrivateWebhooks;

    @Option(names = "--admin-key", paramLabel = "KEY",
            description = "Admin API key (default: $" + AdminKey.envVariable + ", else <data>/" + AdminKey.fileName
                    + ", else a new one written there and shown once).")
    private String adminKey;

    /** Exit code of a start that failed for a reason the operator must fix (printed as one line). */
    static final int exitStartFailed = 1;

    @Override
    public Integer call() throws Exception {
        RunningNode running;
        try {
            running = start();
        } catch (StartFailure e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("atta: " + e.getMessage());
            err.flush();
            return exitStartFailed;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } finally {
                stopped.countDown();
            }
        }, "atta-shutdown"));
        stopped.await();
        return 0;
    }

    /** Checks the options, starts the node and its server, and says where it serves. */
    RunningNode start() throws IOException {
        ClusterFile cluster = null;
        if (testClock && clusterFile != null) {
            throw new ParameterException(spec.commandLine(),
                    "--test-clock is a single-node test mode; it cannot be used with --cluster");
        }
        if (clusterFile != null || nodeId != null) {
            if (clusterFile == null || nodeId == null) {
                throw new ParameterException(spec.commandLine(), "--cluster and --node-id go together");
            }
            if (host != null || port != null) {
                throw new ParameterException(spec.commandLine(),
                        "--host and --port come from the cluster file (node." + nodeId + ".http) with --cluster");
            }
            try {
                cluster = ClusterFile.load(clusterFile);
                cluster.node(nodeId);
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (shards != null && shards != cluster.shards()) {
                throw new ParameterException(spec.commandLine(), "--shards " + shards + " disagrees with the cluster file's "
                        + cluster.shards() + " shards; leave --shards out");
            }
            shards = cluster.shards();
        }
        String httpHost = cluster != null ? cluster.node(nodeId).httpHost() : host != null ? host : "127.0.0.1";
        int httpPort = cluster != null ? cluster.node(nodeId).httpPort() : port != null ? port : 8080;
        int shardCount = shards == null ? defaultShards() : shards;
        if (shardCount < 1 || shardCount > NodeOptions.maxShards) {
            throw new ParameterException(spec.commandLine(),
                    "--shards must be between 1 and " + NodeOptions.maxShards + " (maxShards), got " + shardCount);
        }
        if (snapshotIntervalSecs < 1 || snapshotIntervalSecs > NodeOptions.maxSnapshotIntervalSecs) {
            throw new ParameterException(spec.commandLine(), "--snapshot-interval must be between 1 and "
                    + NodeOptions.maxSnapshotIntervalSecs + " seconds (maxSnapshotIntervalSecs), got "
                    + snapshotIntervalSecs);
        }
        if (settlementIntervalSecs < 0 || settlementIntervalSecs > NodeOptions.maxSettlementIntervalSecs) {
            throw new ParameterException(spec.commandLine(), "--settlement-interval must be between 0 (off) and "
                    + NodeOptions.maxSettlementIntervalSecs + " seconds (maxSettlementIntervalSecs), got "
                    + settlementIntervalSecs);
        }
        RetrySchedule webhookRetries;
        try {
            webhookRetries = RetrySchedule.parse(webhookRetryIntervals);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--webhook-retry-intervals: " + e.getMessage());
        }
        GatewayOptions gateway;
        try {
            gateway = GatewayOptions.standard.withNotifyRetries(RetrySchedule.parse(alipayNotifyIntervals))
                    .withRefundWindowSeconds(Math.multiplyExact(refundWindowDays, 86_400L))
                    .withPublicUrl(publicUrl(publicUrl));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), "gateway options: " + e.getMessage());
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + httpPort);
        }
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new ParameterException(spec.commandLine(), "--data " + dataDir + " is not a directory");
        }
        NodeOptions options = cluster != null
                ? NodeOptions.ofCluster(dataDir, cluster, nodeId, snapshotIntervalSecs, settlementIntervalSecs)
                : new NodeOptions(dataDir, httpHost, 0, shardCount, snapshotIntervalSecs,
                        NodeOptions.defaultTickIntervalMs).withSettlementIntervalSecs(settlementIntervalSecs)
                        .withTestClock(testClock);
        // Everything that would stop the start is found before a file is written or a group started.
        AdminKey.check(adminKey, System.getenv(AdminKey.envVariable), dataDir);
        StartChecks.run(options, httpHost, httpPort);

        PrivateDataDirectory.createOrTighten(dataDir);
        AdminKey key = AdminKey.resolve(adminKey, System.getenv(AdminKey.envVariable), dataDir);
        RunningNode running = startNode(options, httpHost, httpPort, key.key(), webhookRetries, gateway,
                allowPrivateWebhooks);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Atta is serving " + running.uri() + " (" + shardCount + " shards, data "
                + dataDir.toAbsolutePath() + (cluster == null ? "" : ", node " + nodeId + " of "
                + cluster.nodes().size() + ", raft " + cluster.node(nodeId).raftEndpoint()) + ")");
        if (allowPrivateWebhooks) {
            out.println("PRIVATE WEBHOOKS: merchants' webhook and notify URLs may reach loopback and private"
                    + " addresses (--allow-private-webhooks).");
        }
        if (testClock) {
            out.println("TEST CLOCK: time moves forward with POST /v1/test/clock/advance; a test mode, never for"
                    + " real money.");
        }
        if (key.generated()) {
            out.println("Admin key (saved to " + key.file() + ", shown only now): " + key.key());
        }
        out.flush();
        return running;
    }

    /**
     * Starts the node; a failure the checks could not foresee (the port taken in the moment
     * between check and bind) is one line as well. RunningNode has stopped what it started.
     */
    private static RunningNode startNode(NodeOptions options, String httpHost, int httpPort, String adminKey,
                                         RetrySchedule webhookRetries, GatewayOptions gateway,
                                         boolean allowPrivateWebhooks) {
        try {
            return RunningNode.start(options, httpHost, httpPort, adminKey, webhookRetries, gateway,
                    allowPrivateWebhooks);
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException
                 | io.javalin.util.JavalinBindException e) {
            if (e instanceof io.javalin.util.JavalinBindException) {
                throw new StartFailure("port " + httpPort + " on " + httpHost + " is in use");
            }
            throw new StartFailure("could not start: " + e.getMessage());
        }
    }

    static int defaultShards() {
        return Math.min(NodeOptions.maxShards, Runtime.getRuntime().availableProcessors());
    }

    /** An absolute http(s) URL, or null for none. */
    private String publicUrl(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        java.net.URI u;
        try {
            u = java.net.URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--public-url " + text + " is not a URL");
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--public-url must be an http(s) URL such as "
                    + "https://pay.example.com, got " + text);
        }
        return text;
    }
}
