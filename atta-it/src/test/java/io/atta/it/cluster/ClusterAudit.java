package io.atta.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.cli.cluster.NodeApi;
import io.atta.cli.cluster.NodeApi.StateHash;
import io.atta.client.AttaClient;
import io.atta.client.ClientOptions;
import io.atta.client.RetryPolicy;
import io.atta.cluster.ClusterFile.NodeAddress;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.it.cluster.LoadRecorder.Acked;
import io.atta.it.cluster.NodeReads.SeenTransfer;
import io.atta.it.cluster.Wallets.Wallet;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cluster test checks once the load has stopped and the faults are over, asking every
 * node for its own replicas: the cross-shard transactions have all finished, the replicas of
 * each group reach the same applied index with the same state hash, every acknowledged payment
 * is on every node, every wallet holds what the acknowledged payments imply, and every
 * currency sums to zero with no invariant broken.
 */
final class ClusterAudit {
    /** How long the cluster may take to finish its transactions and bring every replica level. */
    static final long settleBoundMs = 60_000;
    static final long pollIntervalMs = 100;
    /** Threads that read acknowledged transfers back from the nodes. */
    static final int readThreads = 4;
    /** Mismatches listed in a failure message at most. */
    static final int maxListed = 20;

    private final String adminKey;
    private final NodeReads reads;
    private final NodeApi api;

    ClusterAudit(String adminKey) {
        this.adminKey = adminKey;
        this.reads = new NodeReads(adminKey);
        this.api = new NodeApi(adminKey);
    }

    /**
     * Waits until every node of {@code nodes} answers {@code /health} with 200 (it knows a
     * leader for every group); returns the milliseconds that took.
     */
    long awaitHealthy(Collection<NodeAddress> nodes) throws InterruptedException {
        long began = System.nanoTime();
        long deadline = began + TimeUnit.MILLISECONDS.toNanos(settleBoundMs);
        for (NodeAddress n : nodes) {
            NodeApi.Health h;
            while ((h = api.health(n)) != NodeApi.Health.healthy) {
                assertThat(System.nanoTime() < deadline).as("node %d knows a leader for every group within %d ms "
                        + "(last: %s)", n.id(), settleBoundMs, h).isTrue();
                pause();
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    /**
     * Waits until {@code node} reports no unfinished transaction and no in-transit account
     * holding a pending amount (its linearizable reads may fail for a while after a fault).
     */
    void awaitQuiet(NodeAddress node) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settleBoundMs);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode report = reads.invariants(NodeApi.baseUri(node));
                last = report.path("unfinished").toString() + " in transit " + pendingInTransit(report);
                if (report.path("unfinished").isEmpty() && pendingInTransit(report).isEmpty()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e.toString();
            }
            pause();
        }
        throw new AssertionError("transactions still unfinished on node " + node.id() + " after " + settleBoundMs
                + " ms: " + last);
    }

    /**
     * Waits until, for every shard, all {@code nodes} report the same applied index, and asserts
     * that they report the same state hash there; returns each shard's agreed index and hash.
     */
    Map<Integer, StateHash> awaitAgreement(Collection<NodeAddress> nodes, int shards) throws InterruptedException {
        Map<Integer, StateHash> agreed = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settleBoundMs);
        for (int s = 0; s < shards; s++) {
            Map<Integer, StateHash> seen = new TreeMap<>();
            while (true) {
                seen = hashes(nodes, s);
                if (seen.size() == nodes.size() && seen.values().stream().map(StateHash::appliedIndex).distinct()
                        .count() == 1) {
                    break;
                }
                assertThat(System.nanoTime() < deadline).as("the replicas of shard %d reach one applied index within "
                        + "%d ms; last seen by node: %s", s, settleBoundMs, seen).isTrue();
                pause();
            }
            assertThat(seen.values().stream().map(StateHash::stateHash).distinct().count())
                    .as("shard %d: every replica has the same state hash at applied index %d: %s", s,
                            seen.values().iterator().next().appliedIndex(), seen).isEqualTo(1);
            agreed.put(s, seen.values().iterator().next());
        }
        return agreed;
    }

    private Map<Integer, StateHash> hashes(Collection<NodeAddress> nodes, int shard) throws InterruptedException {
        Map<Integer, StateHash> seen = new TreeMap<>();
        for (NodeAddress n : nodes) {
            try {
                seen.put(n.id(), api.hash(n, shard));
            } catch (IOException | RuntimeException e) {
                // A node still starting does not answer yet: it is waited for.
            }
        }
        return seen;
    }

    /**
     * Reads every acknowledged payment back from each node's own replicas: it is there, with its
     * accounts and amount, and a cross-shard one is posted (its transaction committed).
     */
    void assertEveryNodeHas(Collection<NodeAddress> nodes, List<Acked> acked) throws Exception {
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(readThreads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (NodeAddress n : nodes) {
                URI uri = NodeApi.baseUri(n);
                for (int t = 0; t < readThreads; t++) {
                    int part = t;
                    work.add(pool.submit(() -> {
                        for (int i = part; i < acked.size(); i += readThreads) {
                            String problem = problem(acked.get(i), reads.staleTransfer(uri, acked.get(i).transferId()));
                            if (problem != null) {
                                wrong.add("node " + n.id() + ": " + problem);
                            }
                        }
                    }));
                }
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wrong).as("acknowledged payments missing or wrong (%d of %d payments on %d nodes; the first %d)",
                wrong.size(), acked.size(), nodes.size(), maxListed).isEmpty();
    }

    private static String problem(Acked a, Optional<SeenTransfer> seen) {
        if (seen.isEmpty()) {
            return "no transfer " + a.transferId() + " for acknowledged " + a;
        }
        SeenTransfer t = seen.get();
        boolean same = t.debitAccountId() == a.from().accountId() && t.creditAccountId() == a.to().accountId()
                && t.amount().equals(Amounts.format(a.amount(), Currency.CNY));
        boolean settled = a.crossShard() ? t.crossShard() && "posted".equals(t.pendingStatus())
                : !t.crossShard() && t.pendingStatus() == null;
        return same && settled ? null : "transfer " + t + " does not show acknowledged " + a;
    }

    /**
     * On each node: the invariants report is clean and every currency's debits equal its
     * credits over all shards (balances sum to zero); every wallet holds its funding plus what
     * the acknowledged payments brought in minus what they took out.
     */
    void assertBalanced(Collection<NodeAddress> nodes, List<Wallet> wallets, long fundingMinor, List<Acked> acked) {
        Map<Long, Long> expected = new HashMap<>();
        for (Wallet w : wallets) {
            expected.put(w.accountId(), fundingMinor);
        }
        for (Acked a : acked) {
            expected.merge(a.from().accountId(), -a.amount(), Math::addExact);
            expected.merge(a.to().accountId(), a.amount(), Math::addExact);
        }
        for (NodeAddress n : nodes) {
            JsonNode report = reads.invariants(NodeApi.baseUri(n));
            assertThat(report.path("ok").asBoolean() && report.path("violations").isEmpty()
                    && report.path("unfinished").isEmpty()).as("node %d's invariants report: %s", n.id(), report)
                    .isTrue();
            for (JsonNode c : report.path("currencies")) {
                JsonNode total = c.path("total");
                assertThat(total.path("debits_posted").asText()).as("node %d: %s debits posted over all shards "
                        + "equal credits posted (balances sum to zero)", n.id(), c.path("currency").asText())
                        .isEqualTo(total.path("credits_posted").asText());
                assertThat(total.path("debits_pending").asText()).as("node %d: %s pending debits equal pending "
                        + "credits", n.id(), c.path("currency").asText()).isEqualTo(total.path("credits_pending")
                        .asText());
            }
            try (AttaClient client = AttaClient.create(ClientOptions.of(NodeApi.baseUri(n), adminKey)
                    .withRetry(RetryPolicy.defaults()))) {
                for (Wallet w : wallets) {
                    assertThat(client.getAccount(w.accountId()).balance())
                            .as("node %d: wallet %d holds funding + in - out of the acknowledged payments", n.id(),
                                    w.accountId()).isEqualTo(expected.get(w.accountId()));
                }
            }
        }
    }

    /** Which in-transit accounts of an invariants report hold a pending amount; empty when none. */
    private static List<String> pendingInTransit(JsonNode report) {
        List<String> held = new ArrayList<>();
        for (JsonNode c : report.path("currencies")) {
            for (JsonNode t : c.path("in_transit")) {
                if (Amounts.parse(t.path("debits_pending").asText(), Currency.valueOf(c.path("currency").asText())) != 0
                        || Amounts.parse(t.path("credits_pending").asText(),
                        Currency.valueOf(c.path("currency").asText())) != 0) {
                    held.add(c.path("currency").asText() + " shard " + t.path("shard").asInt());
                }
            }
        }
        return held;
    }

    private static void pause() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
    }
}
