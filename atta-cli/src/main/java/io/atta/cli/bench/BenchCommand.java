package io.atta.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cli.RunningNode;
import io.atta.cli.cluster.ClusterFailure;
import io.atta.cli.cluster.LocalCluster;
import io.atta.client.AttaClient;
import io.atta.client.ClientOptions;
import io.atta.cluster.DataDirectory;
import io.atta.cluster.NodeOptions;
import io.atta.core.Limits;
import io.atta.engine.wealth.WealthLimits;
import io.atta.core.trade.TradeLimits;
import io.atta.server.gateway.GatewayOptions;
import io.atta.server.notify.RetrySchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongToIntFunction;

/**
 * {@code atta bench}: a fresh durable node in this process (or, with {@code --nodes N}, a local
 * cluster of N server processes), driven over HTTP by the Java client, checked against its own
 * books, reported as one JSON line on stdout (progress goes to stderr).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a fresh durable node in-process on a temporary directory (or a local cluster of --nodes "
                + "server processes), drives transfers through it over HTTP, verifies every result and the final "
                + "balances, and prints one JSON line of figures."})
public final class BenchCommand implements Callable<Integer> {
    public enum Workload { transfers, recovery, p2p, failover, escrow, gateway, fund, credit_pay }

    /** A workload by name; {@code credit-pay} is {@link Workload#credit_pay}. */
    static final class WorkloadConverter implements ITypeConverter<Workload> {
        @Override
        public Workload convert(String value) {
            try {
                return Workload.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected one of " + java.util.Arrays.toString(Workload.values())
                        + " but was '" + value + "'");
            }
        }
    }

    static final long defaultEscrowPayments = 500_000;
    static final long defaultCreditPayments = 200_000;
    /** Most fund holders one in-process run makes (each holder is a user, a wallet and a top-up in memory). */
    static final long maxFundHolders = 20_000_000;
    static final int defaultMerchants = 100;
    static final int maxMerchants = 10_000;
    static final int defaultGatewayPayments = 20_000;
    /** Every request is signed before the timed phase; all must be sent well inside the 15-minute timestamp window. */
    static final int maxGatewayPayments = 200_000;
    static final int defaultGatewayBuyers = 1_000;
    static final int maxGatewayBuyers = 100_000;
    /** Enough callers to keep both cores busy while each waits for its answer. */
    static final int defaultGatewayClients = 16;
    /**
     * The bench signs its requests, with the buyers' payment codes in them, before it sends any; a
     * code lasting as long as the timestamp window (not the standard minute) keeps them valid.
     */
    static final long gatewayPaymentCodeSeconds = 15 * 60;

    /** Most concurrent callers the bench will start. */
    static final int maxClients = 1024;
    /** Nodes of a bench cluster: a group of three voters needs three nodes; more only add learners. */
    static final int minClusterNodes = LocalCluster.minNodes;
    static final int maxClusterNodes = LocalCluster.maxNodes;

    @Spec
    private CommandSpec spec;

    @Option(names = "--workload", defaultValue = "transfers", converter = WorkloadConverter.class, description = {"What to drive: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            "recovery: a server process takes --transfers transfers, is killed with SIGKILL and restarted; reports the time until it serves again.",
            "p2p: --accounts users' funded wallets spread over the shards pay each other; --cross-shard-pct of the payments go to a wallet on another shard.",
            "failover: the transfers load on a cluster (--nodes, default 3); after each 1/(kills+1) of the transfers the leader of shard 0 gets SIGKILL; reports how long until shard 0 takes a write again, checks no acknowledged transfer was lost and that the restarted node catches up.",
            "escrow: --payments escrow trades, each created, paid, shipped and confirmed through POST /v1/trades/batch (--batch trades per request), between --accounts buyers and --merchants merchants spread over the shards, settlement sweeping every second; every trade is created and paid first (reported as payments per second), then shipped and confirmed (the whole lifecycle per second); checks every wallet, merchant and fee balance.",
            "gateway: --payments alipay.trade.pay requests to /gateway.do (default " + defaultGatewayPayments + "), each signed RSA2 before the timed phase, from one merchant's app to --buyers buyers' payment codes, --clients at a time (default " + defaultGatewayClients + "); checks every answer (its signature too, unless --no-verify-responses), every wallet and the invariants.",
            "credit-pay: credit pay in process, one thread per shard (no HTTP, Raft or fsync): --accounts buyers with credit lines create and pay --payments trades from their wallets, then --payments with credit pay (default " + defaultCreditPayments + " each); then the 1st of the month issues every line's statement; reports both payment rates, their ratio and statement lines per second.",
            "fund: the fund module's state machines in process, one thread per shard (no HTTP, Raft or fsync): --holders holders subscribe and redeem in batches of --batch, then --days days are closed and posted; reports subscriptions, redemptions and holders credited per second and heap bytes per holder."})
    private Workload workload;

    @Option(names = "--nodes", paramLabel = "N",
            description = "1: one node in this process (default); " + minClusterNodes + " to " + maxClusterNodes
                    + ": a local cluster of N atta server processes (each shard has 3 voting replicas), driven "
                    + "through a client that sends each batch to its shard's leader.")
    private Integer nodesOption;

    private int nodes;

    @Option(names = "--kills", paramLabel = "K",
            description = "failover only: how many times to kill the leader of shard 0, 1-" + FailoverBenchmark.maxKills
                    + " (default: 1); a killed node is started again before the next kill.")
    private Integer killsOption;

    private int kills;

    @Option(names = "--cross-shard-pct", paramLabel = "N",
            description = "p2p only: percent of payments whose payee is on another shard than the payer, 0-100 (default: 100).")
    private Integer crossShardPctOption;

    private int crossShardPct;

    @Option(names = "--payments", paramLabel = "N", description = "escrow and gateway: payments to make (default: "
            + defaultEscrowPayments + " escrow, " + defaultGatewayPayments + " gateway).")
    private Long paymentsOption;

    @Option(names = "--merchants", paramLabel = "N", description = "escrow only: merchants (default: "
            + defaultMerchants + ").")
    private Integer merchantsOption;

    @Option(names = "--buyers", paramLabel = "N", description = "gateway only: buyers, each with a funded wallet and "
            + "a payment code (default: " + defaultGatewayBuyers + ").")
    private Integer buyersOption;

    @Option(names = "--verify-responses", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "gateway only: check each answer's signature with the platform key in the timed phase, as "
                    + "the SDK does (default: on; --no-verify-responses leaves that client CPU out).")
    private boolean verifyResponses;

    @Option(names = "--holders", paramLabel = "N", defaultValue = "1000000",
            description = "fund only: holders, spread over the shards (default: ${DEFAULT-VALUE}).")
    private long holders;

    @Option(names = "--days", paramLabel = "N", defaultValue = "3",
            description = "fund only: days whose income is posted and timed (default: ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--transfers", paramLabel = "N", defaultValue = "5000000", description = "Transfers to make (default: ${DEFAULT-VALUE}).")
    private long transfers;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "10000", description = "Accounts to spread them over (default: ${DEFAULT-VALUE}).")
    private int accounts;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8190", description = "Transfers per request, at most " + Limits.maxBatchTransfers + " (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--clients", paramLabel = "N",
            description = "Concurrent callers, each with one request in flight (default: one per shard).")
    private Integer clientsOption;

    private int clients;

    @Option(names = "--shards", paramLabel = "N", description = "Shard groups (default: available processors).")
    private Integer shards;

    @Option(names = "--baseline", split = ",", paramLabel = "B", converter = BaselineConverter.class,
            description = {"Also run the workload against PostgreSQL, one or both, comma-separated: postgres (one "
                    + "transaction per transfer), postgres-batched (one transaction per --batch transfers through a "
                    + "set-based stored function)."})
    private List<PostgresBaseline.Baseline> baseline;

    /** Reads {@code postgres} or {@code postgres-batched}. */
    static final class BaselineConverter implements ITypeConverter<PostgresBaseline.Baseline> {
        @Override
        public PostgresBaseline.Baseline convert(String value) {
            try {
                return PostgresBaseline.Baseline.ofLabel(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--baseline-seconds", paramLabel = "S", defaultValue = "20", description = "Time bound of the baseline run (default: ${DEFAULT-VALUE}).")
    private int baselineSeconds;

    @Option(names = "--keep-dir", description = "Keep the bench's temporary directory (data, and a cluster's node logs) "
            + "for inspection instead of deleting it; a cluster's nodes are stopped either way.")
    private boolean keepDir;

    @Option(names = "--risk", description = "transfers, p2p and escrow: put the default risk rule set (docs/RISK.md) in "
            + "shadow mode on every shard first, screening the bench's transfers too: every transfer and trade "
            + "payment is decided and recorded, none refused. Compare with the same run without it.")
    private boolean risk;

    @Option(names = "--seed", description = "Seed of the random account pairs and amounts (default: random, shown on stderr).")
    private Long seed;

    @Override
    public Integer call() throws Exception {
        int shardCount = shards == null ? Math.min(NodeOptions.maxShards, Runtime.getRuntime().availableProcessors())
                : shards;
        // One batch in flight per shard keeps each shard's single applying thread busy; on a
        // 2-core box more callers only queue (measured: 2 clients ~290k/s, 4 ~270k/s, 8 ~225k/s).
        clients = clientsOption != null ? clientsOption
                : workload == Workload.gateway ? defaultGatewayClients : shardCount;
        crossShardPct = crossShardPctOption == null ? 100 : crossShardPctOption;
        nodes = nodesOption != null ? nodesOption : workload == Workload.failover ? minClusterNodes : 1;
        kills = killsOption == null ? 1 : killsOption;
        validate(shardCount);
        long runSeed = seed == null ? new SecureRandom().nextLong() : seed;
        PrintWriter err = spec.commandLine().getErr();
        if (workload == Workload.escrow) {
            err.printf("[bench] escrow: %,d payments between %,d buyers and %d merchants, %d trades per request, %d "
                    + "clients, %d shards, seed %d%n", paymentsOption == null ? defaultEscrowPayments : paymentsOption,
                    accounts, merchantsOption == null ? defaultMerchants : merchantsOption, batch, clients, shardCount,
                    runSeed);
            return runEscrow(shardCount, runSeed, err);
        }
        if (workload == Workload.gateway) {
            return runGateway(shardCount, runSeed, err);
        }
        if (workload == Workload.fund) {
            return runFund(shardCount, runSeed, err);
        }
        if (workload == Workload.credit_pay) {
            return runCreditPay(shardCount, err);
        }
        err.printf("[bench] %s: %,d transfers over %,d accounts, batches of %d, %d clients, %d shards, %d node%s, "
                + "seed %d%n", workload, transfers, accounts, batch, clients, shardCount, nodes, nodes == 1 ? "" : "s",
                runSeed);

        if (workload == Workload.recovery) {
            // A server process of its own: loaded, killed with SIGKILL, restarted, verified.
            Map<String, Object> recovery = RecoveryBenchmark.run(transfers, shardCount, keepDir, err);
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(recovery));
            spec.commandLine().getOut().flush();
            return 0;
        }
        return measured(err, (workDir, report) -> {
            AttaRun run = nodes == 1 ? runAtta(workDir.resolve("node"), shardCount, runSeed, err)
                    : runOnCluster(workDir.resolve("cluster"), shardCount, runSeed, err);
            TransferLoad.Outcome atta = run.outcome();
            report.put("workload", workload.name());
            report.put("unit", "transfers");
            report.put("shards", shardCount);
            report.put("nodes", nodes);
            report.put("operations", atta.transfers());
            report.put("seconds", round(atta.seconds(), 3));
            double throughput = atta.transfers() / atta.seconds();
            report.put("throughput_per_sec", Math.round(throughput));
            // Latencies are per request (one batch of --batch transfers), sending to parsed reply.
            report.put("latency_per", "request");
            report.put("p50_ms", round(atta.latencies().quantileMillis(0.50), 3));
            report.put("p90_ms", round(atta.latencies().quantileMillis(0.90), 3));
            report.put("p99_ms", round(atta.latencies().quantileMillis(0.99), 3));
            report.put("p999_ms", round(atta.latencies().quantileMillis(0.999), 3));
            report.put("max_ms", round(atta.latencies().quantileMillis(1.0), 3));
            report.put("durable", true);
            report.put("risk", risk ? "default rule set, shadow, every transfer screened" : "off");
            report.put("batch", batch);
            report.put("clients", clients);
            report.put("accounts", accounts);
            if (workload == Workload.p2p) {
                report.put("cross_shard_pct", crossShardPct);
                report.put("cross_shard_transfers", run.crossShardTransfers());
            }
            if (run.failover() != null) {
                putFailover(report, run.failover());
            }
            report.put("requests", atta.requests());
            report.put("verified_accounts", run.verifiedAccounts());
            if (atta.existing() > 0) {
                report.put("retried_exists", atta.existing());
            }
            report.put("seed", runSeed);
            if (baseline != null) {
                BaselineReport.run(baseline, new PostgresBaseline.Plan(null, accounts, transfers, batch, clients,
                        baselineSeconds, runSeed, shardCount), workDir, throughput, report, err);
            }
        });
    }

    /** A run on a fresh temporary directory that fills the report, printed as one JSON line if it passes. */
    private interface Measured {
        void run(Path workDir, Map<String, Object> report) throws Exception;
    }

    /** Runs {@code m}, prints its report (0) or why it failed (1), and deletes its directory unless kept. */
    private int measured(PrintWriter err, Measured m) throws Exception {
        Path workDir = Files.createTempDirectory("atta-bench-");
        Map<String, Object> report = new LinkedHashMap<>();
        try {
            m.run(workDir, report);
        } catch (BenchFailure | ClusterFailure e) {
            err.println("[bench] FAILED: " + e.getMessage());
            return 1;
        } finally {
            if (keepDir) {
                err.println("[bench] kept " + workDir);
            } else {
                DataDirectory.delete(workDir);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writeValueAsString(report));
        out.flush();
        return 0;
    }

    /** The fund workload: the fund module's state machines in process, one thread per shard; one JSON line. */
    private int runFund(int shardCount, long runSeed, PrintWriter err) throws Exception {
        err.printf("[bench] fund: %,d holders over %d shards, batches of %d, %d days posted, seed %d%n", holders,
                shardCount, batch, days, runSeed);
        return measured(err, (workDir, report) -> {
            FundBenchmark.Outcome o = FundBenchmark.run(holders, shardCount, batch, days, runSeed, err);
            List<Double> post = new ArrayList<>(o.postSeconds());
            Collections.sort(post);
            double median = post.get(post.size() / 2);
            report.put("workload", workload.name());
            report.put("scope", "engine in process: no HTTP, no Raft, no fsync");
            report.put("shards", o.shards());
            report.put("holders", o.holders());
            report.put("batch", o.batch());
            report.put("subscriptions_per_sec", Math.round(o.holders() / o.subscribeSeconds()));
            report.put("redemptions_per_sec", Math.round(o.holders() / o.redeemSeconds()));
            report.put("posting_seconds", o.postSeconds().stream().map(s -> round(s, 3)).toList());
            // The first day also warms the JIT up: the best day is the steady rate, the median the typical one.
            report.put("holders_credited_per_sec_best", Math.round(o.holders() / post.get(0)));
            report.put("holders_credited_per_sec_median", Math.round(o.holders() / median));
            report.put("bytes_per_holder", o.bytesPerHolder());
            report.put("bytes_per_holder_per_posted_day", o.bytesPerHolderDay());
            report.put("verified_holders", o.checkedHolders());
            report.put("seed", runSeed);
        });
    }

    /** The credit-pay workload: credit pay's state machines in process, one thread per shard; one JSON line. */
    private int runCreditPay(int shardCount, PrintWriter err) throws Exception {
        long payments = paymentsOption == null ? defaultCreditPayments : paymentsOption;
        if (payments < shardCount || payments > 2_000L * accounts) {
            fail("--payments must be between the shard count and 2000 per line (each line's limit is 2,000.00 and a "
                    + "payment 1.00), got " + payments);
        }
        err.printf("[bench] credit-pay: %,d lines over %d shards, %,d payments each way, batches of %d%n", accounts,
                shardCount, payments, batch);
        return measured(err, (workDir, report) -> {
            CreditBenchmark.Outcome o = CreditBenchmark.run(accounts, payments, shardCount, batch, err);
            long wallet = Math.round(o.payments() / o.walletSeconds());
            long credit = Math.round(o.payments() / o.creditSeconds());
            report.put("workload", "credit-pay");
            report.put("scope", "engine in process: no HTTP, no Raft, no fsync");
            report.put("shards", o.shards());
            report.put("lines", o.lines());
            report.put("payments", o.payments());
            report.put("batch", o.batch());
            report.put("wallet_payments_per_sec", wallet);
            report.put("credit_pay_payments_per_sec", credit);
            report.put("credit_pay_to_wallet", round((double) credit / wallet, 3));
            report.put("statement_lines_per_sec", Math.round(o.lines() / o.statementSeconds()));
            report.put("verified_lines", o.checkedLines());
        });
    }

    /** The escrow workload on a fresh in-process node that sweeps every second; one JSON line. */
    private int runEscrow(int shardCount, long runSeed, PrintWriter err) throws Exception {
        long payments = paymentsOption == null ? defaultEscrowPayments : paymentsOption;
        int merchants = merchantsOption == null ? defaultMerchants : merchantsOption;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String adminKey = HexFormat.of().formatHex(random);
        return measured(err, (workDir, report) -> {
            try (RunningNode node = RunningNode.start(NodeOptions.of(workDir.resolve("node"), shardCount)
                    .withSettlementIntervalSecs(1), 0, adminKey);
                 AttaClient client = AttaClient.create(ClientOptions.of(node.uri(), adminKey)
                         .withMaxConnections(Math.max(clients, 16)))) {
                if (risk) {
                    RiskSwitch.install(node.node(), shardCount);
                }
                report.put("risk", risk ? "default rule set, shadow, every trade payment screened" : "off");
                escrowReport(report, new EscrowBenchmark(node.uri(), adminKey).run(client, node.node(), merchants,
                        accounts, payments, batch, clients, runSeed, err), shardCount, runSeed);
            }
        });
    }

    /** The gateway workload on a fresh in-process node; one JSON line. */
    private int runGateway(int shardCount, long runSeed, PrintWriter err) throws Exception {
        int payments = paymentsOption == null ? defaultGatewayPayments : (int) (long) paymentsOption;
        int buyers = buyersOption == null ? defaultGatewayBuyers : buyersOption;
        err.printf("[bench] gateway: %,d alipay.trade.pay requests from %,d buyers, %d clients, %d shards, answers' "
                + "signatures %s, seed %d%n", payments, buyers, clients, shardCount,
                verifyResponses ? "checked" : "not checked", runSeed);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String adminKey = HexFormat.of().formatHex(random);
        GatewayOptions gateway = new GatewayOptions(null, GatewayOptions.standardNotifyRetries,
                GatewayOptions.standardTimestampWindow, TradeLimits.defaultRefundWindowSeconds, null,
                gatewayPaymentCodeSeconds);
        return measured(err, (workDir, report) -> {
            NodeOptions options = NodeOptions.of(workDir.resolve("node"), shardCount);
            try (RunningNode node = RunningNode.start(options, options.host(), 0, adminKey, RetrySchedule.standard,
                    gateway);
                 AttaClient client = AttaClient.create(ClientOptions.of(node.uri(), adminKey)
                         .withMaxConnections(16))) {
                GatewayBenchmark.Outcome o = new GatewayBenchmark(node.uri(), adminKey).run(client, node.node(),
                        buyers, payments, clients, verifyResponses, runSeed, err);
                GatewayBenchReport.fill(report, o, workload.name(), shardCount, clients, verifyResponses, runSeed);
            }
        });
    }

    private void escrowReport(Map<String, Object> report, EscrowBenchmark.Outcome o, int shardCount, long runSeed) {
        report.put("workload", workload.name());
        report.put("unit", "payments (create + pay)");
        report.put("shards", shardCount);
        report.put("nodes", 1);
        report.put("operations", o.payments());
        // The payments figure: trades created and paid (money held in escrow) per second of the
        // payment phase; the lifecycle figure: created, paid, shipped and confirmed per second of both phases.
        double lifecycleSeconds = o.paySeconds() + o.fulfilSeconds();
        report.put("seconds", round(o.paySeconds(), 3));
        report.put("throughput_per_sec", Math.round(o.payments() / o.paySeconds()));
        report.put("lifecycle_seconds", round(lifecycleSeconds, 3));
        report.put("lifecycle_per_sec", Math.round(o.payments() / lifecycleSeconds));
        report.put("writes_per_sec", Math.round(4 * o.payments() / lifecycleSeconds));
        report.put("latency_per", "round of " + batch + " trades");
        report.put("pay_round_p50_ms", round(o.payLatencies().quantileMillis(0.50), 3));
        report.put("pay_round_p99_ms", round(o.payLatencies().quantileMillis(0.99), 3));
        report.put("fulfil_round_p50_ms", round(o.fulfilLatencies().quantileMillis(0.50), 3));
        report.put("fulfil_round_p99_ms", round(o.fulfilLatencies().quantileMillis(0.99), 3));
        report.put("durable", true);
        report.put("batch", batch);
        report.put("clients", clients);
        report.put("buyers", o.buyers());
        report.put("merchants", o.merchants());
        report.put("settlement_interval_s", 1);
        report.put("settled", o.settledMinor());
        report.put("unsettled", o.unsettledMinor());
        report.put("fees", o.feesMinor());
        report.put("requests", o.requests());
        report.put("seed", runSeed);
    }

    /** What a run measured; {@code failover} only for the failover workload. */
    private record AttaRun(TransferLoad.Outcome outcome, int verifiedAccounts, long crossShardTransfers,
                           FailoverBenchmark.Outcome failover) {
    }

    private AttaRun runAtta(Path dataDir, int shardCount, long runSeed, PrintWriter err) throws Exception {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String adminKey = HexFormat.of().formatHex(random);
        try (RunningNode node = RunningNode.start(dataDir, "127.0.0.1", 0, shardCount, adminKey);
             AttaClient client = AttaClient.create(ClientOptions.of(node.uri(), adminKey)
                     .withMaxConnections(Math.max(clients, 16)))) {
            if (risk) {
                RiskSwitch.install(node.node(), shardCount);
            }
            return runWorkload(client, node.node()::shardOf, shardCount, runSeed, err, null);
        }
    }

    /**
     * The workload against a local cluster of {@code nodes} server processes in {@code dir},
     * through a client that knows every node; the cluster is stopped however the run ends.
     */
    private AttaRun runOnCluster(Path dir, int shardCount, long runSeed, PrintWriter err) throws Exception {
        try (BenchCluster cluster = BenchCluster.start(dir, nodes, shardCount, err);
             AttaClient client = cluster.client(Math.max(clients, 16))) {
            // Accounts are placed by the cluster's own routing table, asked of it.
            LongToIntFunction shardOf = client.clusterRouting()::shardOf;
            return runWorkload(client, shardOf, shardCount, runSeed, err, cluster);
        }
    }

    private AttaRun runWorkload(AttaClient client, LongToIntFunction shardOf, int shardCount, long runSeed,
                                PrintWriter err, BenchCluster cluster) throws InterruptedException {
        if (workload == Workload.p2p) {
            return runP2p(client, shardOf, shardCount, runSeed, err);
        }
        AccountsByShard bench = BenchAccounts.create(client, shardOf, shardCount, accounts, err);
        if (workload == Workload.failover) {
            FailoverBenchmark.Outcome f = FailoverBenchmark.run(cluster, client, bench, plan("transfers", runSeed),
                    kills, err);
            return new AttaRun(f.load(), f.verifiedAccounts(), 0, f);
        }
        BenchBooks books = new BenchBooks(bench.size(), 0);
        TransferLoad.Outcome outcome = TransferLoad.run(client, new SameShardTransfers(bench), books,
                plan("transfers", runSeed), err);
        err.printf("[bench] %,d transfers in %.3f s: %,.0f/s; per request of %d: p50 %.1f ms, p99 %.1f ms%n",
                outcome.transfers(), outcome.seconds(), outcome.transfers() / outcome.seconds(), batch,
                outcome.latencies().quantileMillis(0.50), outcome.latencies().quantileMillis(0.99));
        int verified = BalanceCheck.verify(client, bench, books, err);
        return new AttaRun(outcome, verified, 0, null);
    }

    private static void putFailover(Map<String, Object> report, FailoverBenchmark.Outcome f) {
        report.put("kills", f.kills().size());
        report.put("killed_nodes", f.kills().stream().map(LeaderKills.Kill::node).toList());
        report.put("failover_ms", f.kills().stream().map(LeaderKills.Kill::failoverMs).toList());
        report.put("failover_ms_max", f.maxFailoverMs());
        report.put("lost_acknowledged", f.lostAcknowledged());
        report.put("converged_after_restart_s", round(f.convergedSeconds(), 1));
    }

    /**
     * Funds every wallet with what the whole run could ever take from it (every payment of the
     * run at the largest amount), so no payment can fail for lack of money.
     */
    private AttaRun runP2p(AttaClient client, LongToIntFunction shardOf, int shardCount, long runSeed,
                           PrintWriter err) throws InterruptedException {
        long initial = Math.multiplyExact(transfers, TransferLoad.maxAmount);
        BenchWallets wallets = BenchWallets.create(client, shardOf, shardCount, accounts, initial, err);
        BenchBooks books = new BenchBooks(wallets.accounts().size(), initial);
        P2pPayments payments = new P2pPayments(wallets.accounts(), crossShardPct);
        TransferLoad.Outcome outcome = TransferLoad.run(client, payments, books, plan("p2p", runSeed), err);
        err.printf("[bench] %,d payments (%,d across shards) in %.3f s: %,.0f/s%n", outcome.transfers(),
                payments.crossShardTransfers(), outcome.seconds(), outcome.transfers() / outcome.seconds());
        int verified = WalletCheck.verify(client, wallets, books, err);
        return new AttaRun(outcome, verified, payments.crossShardTransfers(), null);
    }

    private TransferLoad.Plan plan(String phase, long runSeed) {
        return new TransferLoad.Plan(phase, transfers, batch, clients, runSeed);
    }

    private void validate(int shardCount) {
        if (risk && (workload != Workload.transfers && workload != Workload.p2p && workload != Workload.escrow
                || nodesOption != null && nodes > 1)) {
            fail("--risk is only valid with --workload transfers, p2p or escrow on one node");
        }
        if (shardCount < 1 || shardCount > NodeOptions.maxShards) {
            fail("--shards must be between 1 and " + NodeOptions.maxShards + " (maxShards), got " + shardCount);
        }
        if (transfers < 1) {
            fail("--transfers must be positive, got " + transfers);
        }
        if (batch < 1 || batch > Limits.maxBatchTransfers) {
            fail("--batch must be between 1 and " + Limits.maxBatchTransfers + " (maxBatchTransfers), got " + batch);
        }
        if (workload == Workload.fund && (holders < shardCount || holders > maxFundHolders)) {
            fail("--holders must be between the shard count and " + maxFundHolders + " (maxFundHolders), got " + holders);
        }
        if (workload == Workload.fund && (days < 1 || days > WealthLimits.incomeHistoryDays)) {
            fail("--days must be between 1 and " + WealthLimits.incomeHistoryDays + " (incomeHistoryDays), got " + days);
        }
        if (clients < 1 || clients > maxClients) {
            fail("--clients must be between 1 and " + maxClients + ", got " + clients);
        }
        if (accounts < 2L * shardCount) {
            fail("--accounts must be at least 2 per shard (" + 2 * shardCount + "), got " + accounts);
        }
        if (baselineSeconds < 1) {
            fail("--baseline-seconds must be positive, got " + baselineSeconds);
        }
        validateNodes();
        validateP2p(shardCount);
        validateEscrow();
        validateGateway();
    }

    private void validateGateway() {
        if (workload != Workload.gateway) {
            if (buyersOption != null) {
                fail("--buyers is only valid with --workload gateway");
            }
            return;
        }
        if (nodes != 1) {
            fail("--workload gateway runs on one node; --nodes must be 1, got " + nodes);
        }
        if (baseline != null) {
            fail("--baseline is only valid with --workload transfers");
        }
        if (paymentsOption != null && (paymentsOption < 1 || paymentsOption > maxGatewayPayments)) {
            fail("--payments must be between 1 and " + maxGatewayPayments + " (maxGatewayPayments) for the gateway, got "
                    + paymentsOption);
        }
        if (buyersOption != null && (buyersOption < 1 || buyersOption > maxGatewayBuyers)) {
            fail("--buyers must be between 1 and " + maxGatewayBuyers + " (maxGatewayBuyers), got " + buyersOption);
        }
    }

    private void validateNodes() {
        if (nodes != 1 && (nodes < minClusterNodes || nodes > maxClusterNodes)) {
            fail("--nodes must be 1 or between " + minClusterNodes + " and " + maxClusterNodes + ", got " + nodes);
        }
        if (workload == Workload.recovery && nodes != 1) {
            fail("--workload recovery restarts one server process; --nodes must be 1, got " + nodes);
        }
        if (workload == Workload.failover && nodes == 1) {
            fail("--workload failover kills a leader of a cluster; --nodes must be between " + minClusterNodes
                    + " and " + maxClusterNodes + ", got 1");
        }
        if (workload != Workload.failover && killsOption != null) {
            fail("--kills is only valid with --workload failover");
        }
        if (kills < 1 || kills > FailoverBenchmark.maxKills) {
            fail("--kills must be between 1 and " + FailoverBenchmark.maxKills + " (maxKills), got " + kills);
        }
        if (workload == Workload.failover && baseline != null) {
            fail("--baseline is only valid with --workload transfers");
        }
    }

    private void validateEscrow() {
        if (workload != Workload.escrow) {
            if (merchantsOption != null) {
                fail("--merchants is only valid with --workload escrow");
            }
            if (paymentsOption != null && workload != Workload.gateway && workload != Workload.credit_pay) {
                fail("--payments is only valid with --workload escrow, gateway or credit-pay");
            }
            return;
        }
        if (nodes != 1) {
            fail("--workload escrow runs on one node; --nodes must be 1, got " + nodes);
        }
        if (baseline != null) {
            fail("--baseline is only valid with --workload transfers");
        }
        if (paymentsOption != null && paymentsOption < 1) {
            fail("--payments must be positive, got " + paymentsOption);
        }
        if (merchantsOption != null && (merchantsOption < 1 || merchantsOption > maxMerchants)) {
            fail("--merchants must be between 1 and " + maxMerchants + ", got " + merchantsOption);
        }
    }

    private void validateP2p(int shardCount) {
        if (workload != Workload.p2p) {
            if (crossShardPctOption != null) {
                fail("--cross-shard-pct is only valid with --workload p2p");
            }
            return;
        }
        if (crossShardPct < 0 || crossShardPct > 100) {
            fail("--cross-shard-pct must be between 0 and 100, got " + crossShardPct);
        }
        if (crossShardPct > 0 && shardCount < 2) {
            fail("--cross-shard-pct " + crossShardPct + " needs at least 2 shards (or --cross-shard-pct 0)");
        }
        if (baseline != null) {
            fail("--baseline is only valid with --workload transfers");
        }
        // Each wallet is funded with transfers * maxAmount; the wallets together must fit in a long.
        if (transfers > Long.MAX_VALUE / TransferLoad.maxAmount / accounts) {
            fail("--transfers " + transfers + " times " + accounts + " wallets is too much money to fund in a long");
        }
    }

    private void fail(String message) {
        throw new ParameterException(spec.commandLine(), message);
    }

    static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
