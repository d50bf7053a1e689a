package io.atta.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.client.Account;
import io.atta.client.AttaApiException;
import io.atta.client.AttaClient;
import io.atta.client.BatchResults;
import io.atta.client.ClientOptions;
import io.atta.client.NewTransfer;
import io.atta.client.P2pPaymentStatus;
import io.atta.client.RetryPolicy;
import io.atta.cluster.Routing;
import io.atta.cluster.RoutingTableFile;
import io.atta.core.Currency;
import io.atta.core.Limits;
import io.atta.core.command.Result;
import io.atta.it.P2pLoader.Payment;
import io.atta.it.P2pLoader.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wallet-to-wallet payments, most of them across shards, from concurrent loaders against a real
 * 3-shard server that is killed with SIGKILL at random moments and restarted on the same data;
 * now and then it restarts with a crash point ({@code -Datta.crashAt}) and kills itself inside
 * the transaction protocol. After every kill, {@code atta verify} on the dead server's directory
 * finds no invariant broken, whatever was in flight. At the end every acknowledged payment is
 * applied exactly once, every abandoned one fully or not at all, every wallet holds what the
 * applied payments imply, nothing is in transit and every currency sums to zero. Seeded:
 * {@code -Datta.seed=…} replays the choices (the kills' timing is the machine's).
 */
class P2pCrashIT {
    private static final int shards = 3;
    private static final int usersPerShard = 4;
    private static final long fundingMinor = 1_000_000_00L;
    private static final int loaders = 4;
    private static final int kills = 6;
    /** Every third kill lands inside the protocol: the server restarts with a crash point and kills itself. */
    private static final int protocolKillEvery = 3;
    private static final long progressBoundMs = 60_000;
    /**
     * Crash points a single payment reaches. It has one participant besides its coordinator, and
     * that participant decides it: the coordinator answers after the prepare, then records the
     * decision with its finish in one entry (docs/TRANSACTIONS.md), so there is no resolve step.
     */
    private static final String[] singlePaymentCrashPoints = {"beforePrepare", "afterPrepare:1", "afterAnswer",
            "beforeDecide", "afterDecide"};
    private static final List<String> serverJvmArgs = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");
    /**
     * Snapshots every second, so kills land before, during and after snapshots of transactions in
     * flight. No settlement sweeps: one running when the server restarts with a crash point would
     * reach it during recovery, before the server answers, and every relaunch would die the same way.
     */
    private static final List<String> serverArgs = List.of("--snapshot-interval", "1", "--settlement-interval", "0");
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());

    @TempDir
    Path tmp;

    @Test
    void paymentsAcrossShardsSurviveKillNine() throws Exception {
        RestartableServer.runSeeded("P2pCrashIT", seed, tmp.resolve("data"), shards, serverJvmArgs, serverArgs, this::run);
    }

    private void run(RestartableServer server) throws Exception {
        Path data = server.data();
        String adminKey = server.adminKey();
        long began = System.nanoTime();
        try (AttaClient client = AttaClient.create(ClientOptions.of(server.baseUri(), adminKey)
                .withRetry(RetryPolicy.none()).withMaxConnections(16).withRequestTimeoutMs(20_000))) {
            server.startClean();
            Routing routing = RoutingTableFile.load(data);
            List<Wallet> wallets = P2pSetup.fundedWallets(client, routing, shards, usersPerShard, fundingMinor);
            ApiReads reads = new ApiReads(server.baseUri(), adminKey);
            LedgerAudit audit = new LedgerAudit(client, reads, routing);

            AtomicBoolean loading = new AtomicBoolean(true);
            ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
            P2pLoader.Sinks sinks = new P2pLoader.Sinks(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>(),
                    new AtomicLong(), new ConcurrentLinkedQueue<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < loaders; t++) {
                Thread th = new Thread(new P2pLoader(client, wallets, t, seed, loading, gate.readLock(), sinks),
                        "p2p-loader-" + t);
                th.start();
                threads.add(th);
            }
            SplittableRandom random = new SplittableRandom(seed);
            List<String> killedAt = new ArrayList<>();
            try {
                for (int k = 0; k < kills; k++) {
                    P2pSetup.awaitProgress(sinks, 20 + random.nextInt(200), "before kill " + k, seed, progressBoundMs);
                    if (k % protocolKillEvery == protocolKillEvery - 1) {
                        String point = singlePaymentCrashPoints[random.nextInt(singlePaymentCrashPoints.length)];
                        int unfinished = killInsideProtocol(server, gate, audit, point);
                        killedAt.add(point + " (" + unfinished + " unfinished)");
                    } else {
                        server.kill();
                        int unfinished = invariantsOnDisk(server, "after kill " + k);
                        server.startClean();
                        killedAt.add("random (" + unfinished + " unfinished)");
                    }
                }
                P2pSetup.awaitProgress(sinks, 50, "after the last kill", seed, progressBoundMs);
            } finally {
                loading.set(false);
                for (Thread th : threads) {
                    th.join(TimeUnit.MINUTES.toMillis(3));
                }
            }
            for (Thread th : threads) {
                assertThat(th.isAlive()).as("loader finished (seed %d)", seed).isFalse();
            }
            assertThat(sinks.failures()).as("loader failures (seed %d)", seed).isEmpty();

            // One more crash with nothing in flight but what the abandoned payments left, then check.
            server.kill();
            invariantsOnDisk(server, "after the last kill");
            server.startClean();
            audit.awaitQuiet("after the last restart (seed " + seed + ", log " + server.logFile() + ")");
            Verified v = verify(client, reads, wallets, sinks, audit);
            System.out.printf("P2P crash test (seed %d): kills %s; %d payments acknowledged (%d across shards, %d via "
                            + "p2p), %d abandoned of which %d applied; verified in %d ms total%n", seed, killedAt,
                    v.acknowledged, v.crossShard, v.viaP2p, v.abandoned, v.abandonedApplied,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        }
    }

    /**
     * Stops the load, takes the server down with nothing in flight and brings it back with a
     * crash point, so that recovery at start has nothing to drive into it; lets the load go on
     * until the server kills itself there, and restarts it without the crash point. Returns the
     * transactions the disk held unfinished.
     */
    private int killInsideProtocol(RestartableServer server, ReentrantReadWriteLock gate, LedgerAudit audit,
                                   String point) throws Exception {
        gate.writeLock().lock();
        try {
            audit.awaitQuiet("before restarting with crash point " + point + " (seed " + seed + ")");
            server.kill();
            server.startCrashingAt(point);
        } finally {
            gate.writeLock().unlock();
        }
        assertThat(server.awaitExit(progressBoundMs))
                .as("the server reached crash point %s within %d ms of load (seed %d)", point, progressBoundMs, seed)
                .isTrue();
        int unfinished = invariantsOnDisk(server, "after the crash at " + point);
        server.startClean();
        return unfinished;
    }

    /**
     * Runs {@code atta verify} on the directory the server died on: whatever was in flight, no
     * invariant may be broken on disk. Returns how many transactions it found unfinished.
     */
    private static int invariantsOnDisk(RestartableServer server, String when) throws Exception {
        JsonNode report = OfflineVerify.report(server.data(), server.logFile());
        assertThat(report.path("violations")).as("invariants on disk %s (seed %d): %s", when, seed, report).isEmpty();
        return report.path("unfinished").size();
    }

    private record Verified(int acknowledged, int crossShard, int viaP2p, int abandoned, int abandonedApplied) {
    }

    private static Verified verify(AttaClient client, ApiReads reads, List<Wallet> wallets,
                                   P2pLoader.Sinks sinks, LedgerAudit audit) {
        List<Payment> applied = new ArrayList<>(sinks.acknowledged());
        int abandonedApplied = 0;
        for (Payment p : sinks.abandoned()) {
            Optional<Payment> settled = settled(client, reads, p);
            if (settled.isPresent()) {
                applied.add(settled.get());
                abandonedApplied++;
            }
        }
        // Every applied payment is recorded as what it is: a posted cross-shard transfer or a plain one.
        int crossShard = 0;
        int viaP2p = 0;
        for (Payment p : applied) {
            ApiReads.Seen seen = reads.transfer(p.transferId()).orElseThrow(() -> new AssertionError(
                    "applied payment " + p + " has no transfer (seed " + seed + ")"));
            if (p.crossShard()) {
                crossShard++;
                assertThat(seen.crossShard() && "posted".equals(seen.pendingStatus()))
                        .as("payment %s is a posted cross-shard transfer: %s (seed %d)", p, seen, seed).isTrue();
            } else {
                assertThat(seen.crossShard() || seen.pendingStatus() != null)
                        .as("payment %s is a plain transfer: %s (seed %d)", p, seen, seed).isFalse();
            }
            viaP2p += p.requestId() != null ? 1 : 0;
        }
        assertRepeatsExist(client, applied);

        Map<Long, Long> expected = new HashMap<>();
        for (Wallet w : wallets) {
            expected.put(w.accountId(), fundingMinor);
        }
        for (Payment p : applied) {
            expected.merge(p.from().accountId(), -p.amount(), Long::sum);
            expected.merge(p.to().accountId(), p.amount(), Long::sum);
        }
        long total = 0;
        for (Wallet w : wallets) {
            Account a = client.getAccount(w.accountId());
            assertThat(a.balance()).as("wallet %d = funding + in - out (seed %d)", w.accountId(), seed)
                    .isEqualTo(expected.get(w.accountId()));
            assertThat(a.debitsPending() + a.creditsPending()).as("pending on wallet %d", w.accountId()).isZero();
            total += a.balance();
        }
        assertThat(total).as("money only moved between wallets (seed %d)", seed)
                .isEqualTo(fundingMinor * wallets.size());
        audit.assertBalanced(expected.keySet(), "after the crash test (seed " + seed + ")");
        return new Verified(sinks.acknowledged().size(), crossShard, viaP2p, sinks.abandoned().size(),
                abandonedApplied);
    }

    /**
     * An abandoned payment as recovery left it: applied (with its transfer id) or not at all.
     * Anything in between, such as a cross-shard transfer still pending, fails the test.
     */
    private static Optional<Payment> settled(AttaClient client, ApiReads reads, Payment p) {
        if (p.requestId() != null) {
            P2pPaymentStatus status;
            try {
                status = client.getP2p(p.from().userId(), p.requestId());
            } catch (AttaApiException e) {
                assertThat(e.status()).as("abandoned payment %s (seed %d)", p, seed).isEqualTo(404);
                return Optional.empty();
            }
            assertThat(status.state()).as("abandoned payment %s settled: %s (seed %d)", p, status, seed)
                    .isNotEqualTo(P2pPaymentStatus.State.in_progress);
            if (status.state() == P2pPaymentStatus.State.failed) {
                return Optional.empty();
            }
            assertThat(status.amount()).as("abandoned payment %s: %s", p, status).isEqualTo(p.amount());
            return Optional.of(p.withTransferId(status.transferId()));
        }
        Optional<ApiReads.Seen> seen = reads.transfer(p.transferId());
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        String status = seen.get().pendingStatus();
        if (!p.crossShard()) {
            assertThat(status).as("abandoned payment %s is plain: %s (seed %d)", p, seen.get(), seed).isNull();
            return Optional.of(p);
        }
        assertThat(status).as("abandoned payment %s settled: %s (seed %d)", p, seen.get(), seed)
                .isIn("posted", "voided");
        return "posted".equals(status) ? Optional.of(p) : Optional.empty();
    }

    /** A repeat of every applied payment is answered {@code exists} and moves nothing. */
    private static void assertRepeatsExist(AttaClient client, List<Payment> applied) {
        List<NewTransfer> items = new ArrayList<>();
        for (Payment p : applied) {
            if (p.requestId() != null) {
                Result r = client.p2p(p.from().userId(), p.to().userId(), p.amount(), Currency.CNY, p.requestId())
                        .result();
                assertThat(r).as("repeat of payment %s (seed %d)", p, seed).isEqualTo(Result.exists);
            } else {
                items.add(NewTransfer.of(p.transferId(), p.from().accountId(), p.to().accountId(), p.amount(),
                        Currency.CNY));
            }
        }
        for (int from = 0; from < items.size(); from += Limits.maxBatchTransfers) {
            BatchResults r = client.createTransfers(items.subList(from, Math.min(items.size(),
                    from + Limits.maxBatchTransfers)));
            assertThat(r.count(Result.exists)).as("repeats of applied payments answer exists (seed %d): %s", seed, r)
                    .isEqualTo(r.size());
        }
    }
}
