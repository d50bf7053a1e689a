package io.atta.it.cluster;

import io.atta.cli.cluster.ClusterView;
import io.atta.cli.cluster.NodeApi;
import io.atta.cluster.ClusterFile.NodeAddress;
import io.atta.it.cluster.LoadRecorder.Acked;
import io.atta.it.cluster.NodeReads.Answer;
import io.atta.it.cluster.NodeReads.SeenTransfer;
import io.atta.it.cluster.ProbeWriter.Attempt;
import io.atta.it.cluster.Wallets.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A three-node cluster, each node in its own network namespace, under concurrent payments; the
 * leader of shard 0 loses its raft network (its veth goes down) while its HTTP stays reachable.
 * Writes sent to it for the shards it led must not be acknowledged, and a linearizable read on
 * it must not answer from its stale replica; the two other nodes elect a new leader and
 * acknowledge writes. When the network heals, every replica converges: every acknowledged
 * write is on every node, the state hashes agree, every currency sums to zero, and each write
 * the isolated node did not acknowledge is on every node or on none.
 */
class ClusterPartitionIT {
    private static final int nodes = 3;
    private static final int shards = 3;
    private static final int walletsPerShard = 3;
    private static final long fundingMinor = 1_000_000_00L;
    private static final int loaders = 2;
    private static final int paymentsBetweenSteps = 30;
    private static final long progressBoundMs = 60_000;
    private static final long electionBoundMs = 30_000;
    private static final long rejoinBoundMs = 60_000;
    /** Longer than a node waits for a leader (5 s): a write to the isolated node ends in an error or this timeout. */
    private static final long isolatedRequestTimeoutMs = 20_000;
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void anIsolatedLeaderAcknowledgesNothingAndTheMajorityGoesOn() throws Exception {
        long began = System.nanoTime();
        String key = "partition-it-" + seed;
        try (Netns net = Netns.create(nodes, seed);
             NamespacedCluster cluster = NamespacedCluster.start(tmp, net, nodes, shards, key)) {
            try {
                run(cluster);
            } catch (Throwable t) {
                cluster.printLogs();
                System.out.printf("ClusterPartitionIT failed with seed %d; the nodes' directories are kept in %s%n",
                        seed, tmp);
                throw t;
            }
            for (NodeAddress n : cluster.nodes()) {
                NodeLogs.printLeadershipChanges(cluster.serverLog(n.id()));
            }
        }
        System.out.printf("ClusterPartitionIT (seed %d) took %d ms%n", seed,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private void run(NamespacedCluster cluster) throws Exception {
        String key = cluster.adminKey();
        List<Wallet> wallets = Wallets.funded(cluster.uri(1), key, cluster.routing(1), walletsPerShard, fundingMinor);
        List<String> happened = new ArrayList<>();
        List<Attempt> unacknowledged;
        List<Acked> acked;
        ClusterAudit audit = new ClusterAudit(key);
        try (LoadRecorder load = new LoadRecorder(cluster.uris(), key, wallets, loaders, seed);
             ProbeWriter probes = new ProbeWriter(key, wallets, isolatedRequestTimeoutMs)) {
            load.start();
            load.awaitMore(paymentsBetweenSteps, progressBoundMs, "before the partition");
            ClusterView before = awaitLeaders(cluster);
            int isolated = before.leaderOf(0);
            unacknowledged = partition(cluster, before, load, probes, happened);

            cluster.net().raftLink(isolated, true);
            ProbeWriter.Acknowledged rejoin = probes.sendUntilAcknowledged(cluster.uri(isolated), probes.onShard(0),
                    rejoinBoundMs);
            happened.add(String.format("healed; a write to shard 0 through node %d was acknowledged %s later",
                    isolated, rejoin));
            load.awaitMore(paymentsBetweenSteps, progressBoundMs, "after the partition healed");
            acked = new ArrayList<>(load.stop());
            long healthyMs = audit.awaitHealthy(cluster.nodes());
            probes.assertEachNodeWrites(cluster.nodes(), shards);
            acked.addAll(probes.acked());
            happened.add(load.summary());
            happened.add("every node knew a leader for every group " + healthyMs + " ms after the load stopped, "
                    + "and a write through each was acknowledged at once");
        }

        List<NodeAddress> all = cluster.nodes();
        audit.awaitQuiet(all.get(0));
        var agreed = audit.awaitAgreement(all, shards);
        List<Acked> applied = new ArrayList<>(acked);
        NodeReads reads = new NodeReads(key);
        for (Attempt a : unacknowledged) {
            Optional<Acked> landed = allOrNone(reads, all, a.transfer());
            landed.ifPresent(applied::add);
            happened.add("unacknowledged " + a.transfer().transferId() + (landed.isPresent() ? " was applied everywhere"
                    : " is nowhere (or voided everywhere)"));
        }
        audit.assertEveryNodeHas(all, acked);
        audit.assertBalanced(all, wallets, fundingMinor, applied);
        System.out.printf("ClusterPartitionIT (seed %d):%n  %s%n  replicas agree: %s%n", seed,
                String.join("\n  ", happened), agreed);
    }

    /**
     * Cuts the leader of shard 0 in {@code before} off the raft network and, while it stays cut
     * off: sends it writes for each shard it led, which it must not acknowledge; waits for the
     * other two nodes to elect a leader of shard 0 and acknowledge writes; asks the isolated
     * node for one of those writes linearizably, which it must not answer from its stale
     * replica. Returns the writes the isolated node did not acknowledge.
     */
    private static List<Attempt> partition(NamespacedCluster cluster, ClusterView before, LoadRecorder load,
                                           ProbeWriter probes, List<String> happened) throws Exception {
        int isolated = before.leaderOf(0);
        List<Integer> led = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            if (before.leaderOf(s) == isolated) {
                led.add(s);
            }
        }
        cluster.net().raftLink(isolated, false);
        long cutAt = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(2 * led.size());
        List<CompletableFuture<Attempt>> toIsolated = new ArrayList<>();
        for (int s : led) {
            for (Acked t : List.of(probes.onShard(s), probes.acrossFrom(s))) {
                toIsolated.add(CompletableFuture.supplyAsync(() -> probes.sendOnce(cluster.uri(isolated), t), senders));
            }
        }
        senders.shutdown();

        int leader = awaitNewLeader(cluster, isolated);
        long electedMs = sinceMs(cutAt);
        Acked onMajority = probes.onShard(0);
        probes.sendUntilAcknowledged(cluster.uri(leader), onMajority, electionBoundMs);
        long ackMs = sinceMs(cutAt);
        probes.sendUntilAcknowledged(cluster.uri(otherThan(isolated, leader)), probes.acrossFrom(0), electionBoundMs);
        Answer read = new NodeReads(cluster.adminKey()).linearizableTransfer(cluster.uri(isolated),
                onMajority.transferId(), Duration.ofMillis(isolatedRequestTimeoutMs));
        assertThat(read.status()).as("a linearizable read on the isolated node of transfer %d, which the majority "
                + "acknowledged, does not answer from its stale replica: %s", onMajority.transferId(), read)
                .isNotIn(200, 404);
        load.awaitMore(paymentsBetweenSteps, progressBoundMs, "during the partition");

        List<Attempt> unacknowledged = new ArrayList<>();
        for (CompletableFuture<Attempt> f : toIsolated) {
            Attempt a = f.get(isolatedRequestTimeoutMs * 2, TimeUnit.MILLISECONDS);
            assertThat(a.acknowledged()).as("a write sent to the isolated node %d is not acknowledged: %s", isolated,
                    a).isFalse();
            assertThat(a.unknown()).as("the isolated node refuses as unavailable or does not answer: %s", a).isTrue();
            unacknowledged.add(a);
        }
        happened.add(String.format("cut node %d off (it led shards %s); node %d led shard 0 %d ms later and "
                        + "acknowledged a write %d ms after the cut; the isolated node answered the %d writes sent to "
                        + "it: %s; a linearizable read on it answered %d", isolated, led, leader, electedMs, ackMs,
                unacknowledged.size(), unacknowledged.stream().map(a -> a.tookMs() + " ms " + a.failure().getMessage())
                        .toList(), read.status()));
        return unacknowledged;
    }

    /**
     * A write whose outcome the client never learned: every node holds it, the same way, or
     * none does. Returns it when it moved money (a plain transfer, or a posted cross-shard one).
     */
    private static Optional<Acked> allOrNone(NodeReads reads, List<NodeAddress> all, Acked t) {
        Set<Optional<String>> seen = new HashSet<>();
        Optional<SeenTransfer> any = Optional.empty();
        for (NodeAddress n : all) {
            Optional<SeenTransfer> s = reads.staleTransfer(NodeApi.baseUri(n), t.transferId());
            seen.add(s.map(x -> String.valueOf(x.pendingStatus())));
            any = s.isPresent() ? s : any;
        }
        assertThat(seen).as("unacknowledged transfer %s is on every node the same way, or on none", t).hasSize(1);
        if (any.isEmpty()) {
            return Optional.empty();
        }
        String status = any.get().pendingStatus();
        assertThat(status).as("unacknowledged transfer %s has settled", t).isNotEqualTo("pending");
        return status == null || status.equals("posted") ? Optional.of(t) : Optional.empty();
    }

    private static ClusterView awaitLeaders(NamespacedCluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(electionBoundMs);
        while (true) {
            ClusterView v = cluster.view();
            if (v.leaderlessShards().isEmpty()) {
                return v;
            }
            assertThat(System.nanoTime() < deadline).as("every shard has a leader: %s", v.views()).isTrue();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Waits until a node other than {@code isolated} leads shard 0 (in a newer term than the isolated node's). */
    private static int awaitNewLeader(NamespacedCluster cluster, int isolated) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(electionBoundMs);
        while (true) {
            int leader = cluster.view().leaderOf(0);
            if (leader != ClusterView.noLeader && leader != isolated) {
                return leader;
            }
            assertThat(System.nanoTime() < deadline).as("the majority elects a leader of shard 0 within %d ms",
                    electionBoundMs).isTrue();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static long sinceMs(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static int otherThan(int a, int b) {
        for (int id = 1; id <= nodes; id++) {
            if (id != a && id != b) {
                return id;
            }
        }
        throw new IllegalArgumentException("no third node");
    }
}
