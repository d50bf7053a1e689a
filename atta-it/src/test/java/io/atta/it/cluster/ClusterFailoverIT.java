package io.atta.it.cluster;

import io.atta.cli.cluster.ClusterView;
import io.atta.cli.cluster.ReplicaView;
import io.atta.cluster.ClusterFile.NodeAddress;
import io.atta.it.cluster.LoadRecorder.Acked;
import io.atta.it.cluster.Wallets.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A three-node cluster on loopback under concurrent payments (same-shard and cross-shard, batch
 * transfers and P2P) sent to every node, while, round after round, the leader of one group is
 * killed with SIGKILL and restarted, then a follower of another group. Writes to the group
 * whose leader died must be acknowledged again once the survivors elect a new one. At the end
 * every acknowledged payment is on every node's replicas, the replicas of each group have the
 * same state hash at the same applied index, every currency sums to zero and a write through
 * each node succeeds at once. Seeded: {@code -Datta.seed=…} replays the choices of shards and
 * payments (the kills' timing is the machine's).
 */
class ClusterFailoverIT {
    private static final int nodes = 3;
    private static final int shards = 4;
    private static final int walletsPerShard = 3;
    private static final long fundingMinor = 1_000_000_00L;
    private static final int loaders = 3;
    private static final int rounds = 3;
    /** Payments the load must acknowledge between two steps of a round: it goes on through every fault. */
    private static final int paymentsBetweenSteps = 30;
    private static final long progressBoundMs = 60_000;
    /** How long the survivors may take to elect a new leader and acknowledge a write to its group. */
    private static final long failoverBoundMs = 30_000;
    private static final long probeTimeoutMs = 10_000;
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void acknowledgedPaymentsSurviveKilledLeadersAndFollowers() throws Exception {
        long began = System.nanoTime();
        try (LoopbackCluster cluster = LoopbackCluster.start(tmp, nodes, shards, seed)) {
            try {
                run(cluster);
            } catch (Throwable t) {
                cluster.printLogs();
                System.out.printf("ClusterFailoverIT failed with seed %d (replay with -Datta.seed=%d); the nodes' "
                        + "directories are kept in %s%n", seed, seed, tmp);
                throw t;
            }
            for (NodeAddress n : cluster.nodes()) {
                NodeLogs.printLeadershipChanges(cluster.serverLog(n.id()));
            }
        }
        System.out.printf("ClusterFailoverIT (seed %d) took %d ms%n", seed,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private void run(LoopbackCluster cluster) throws Exception {
        String key = cluster.adminKey();
        List<Wallet> wallets = Wallets.funded(cluster.uri(1), key, cluster.routing(1), walletsPerShard, fundingMinor);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> happened = new ArrayList<>();
        List<Acked> acked;
        ClusterAudit audit = new ClusterAudit(key);
        try (LoadRecorder load = new LoadRecorder(cluster.uris(), key, wallets, loaders, seed);
             ProbeWriter probes = new ProbeWriter(key, wallets, probeTimeoutMs)) {
            load.start();
            load.awaitMore(paymentsBetweenSteps, progressBoundMs, "before the first kill");
            int first = random.nextInt(shards);
            for (int r = 0; r < rounds; r++) {
                int shard = (first + r) % shards;
                happened.add(killLeader(cluster, load, probes, shard, r));
                happened.add(killFollower(cluster, load, (shard + 1) % shards, r));
            }
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
        audit.assertEveryNodeHas(all, acked);
        audit.assertBalanced(all, wallets, fundingMinor, acked);
        System.out.printf("ClusterFailoverIT (seed %d):%n  %s%n  replicas agree: %s%n", seed,
                String.join("\n  ", happened), agreed);
    }

    /**
     * Kills the leader of {@code shard}, waits until a write to that shard through a surviving
     * node is acknowledged, lets the load go on, and restarts the node.
     */
    private String killLeader(LoopbackCluster cluster, LoadRecorder load, ProbeWriter probes, int shard, int round)
            throws Exception {
        int leader = cluster.awaitLeader(shard);
        int survivor = leader == 1 ? 2 : 1;
        cluster.kill(leader);
        ProbeWriter.Acknowledged failover = probes.sendUntilAcknowledged(cluster.uri(survivor), probes.onShard(shard),
                failoverBoundMs);
        load.awaitMore(paymentsBetweenSteps, progressBoundMs, "with node " + leader + " down (round " + round + ")");
        long restartMs = cluster.restart(leader);
        load.awaitMore(paymentsBetweenSteps, progressBoundMs, "after node " + leader + " restarted (round " + round
                + ")");
        return String.format("round %d: killed node %d, leader of shard %d; a write to shard %d through node %d was "
                + "acknowledged %s after the kill; the node was healthy %d ms after its restart", round, leader,
                shard, shard, survivor, failover, restartMs);
    }

    /**
     * Kills a node that follows in {@code shard}'s group (the one leading fewest groups), lets
     * the load go on, and restarts it.
     */
    private String killFollower(LoopbackCluster cluster, LoadRecorder load, int shard, int round) throws Exception {
        int[] follower = awaitFollower(cluster, shard);
        cluster.kill(follower[0]);
        load.awaitMore(paymentsBetweenSteps, progressBoundMs, "with node " + follower[0] + " down (round " + round
                + ")");
        long restartMs = cluster.restart(follower[0]);
        load.awaitMore(paymentsBetweenSteps, progressBoundMs, "after node " + follower[0] + " restarted (round "
                + round + ")");
        return String.format("round %d: killed node %d, a follower of shard %d (leading %d groups); healthy %d ms "
                + "after its restart", round, follower[0], shard, follower[1], restartMs);
    }

    /**
     * A node whose replica of {@code shard} is a follower, the one that leads fewest groups, and
     * how many it leads; waits out an election or a replica still starting.
     */
    private static int[] awaitFollower(LoopbackCluster cluster, int shard) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LoopbackCluster.leaderBoundMs);
        while (true) {
            ClusterView view = cluster.local().status();
            int follower = -1;
            int fewest = Integer.MAX_VALUE;
            for (NodeAddress n : cluster.nodes()) {
                ReplicaView r = view.replica(n.id(), shard);
                int leads = ledBy(view, n.id());
                if (r != null && "follower".equals(r.role()) && view.leaderOf(shard) != ClusterView.noLeader
                        && leads < fewest) {
                    follower = n.id();
                    fewest = leads;
                }
            }
            if (follower > 0) {
                return new int[] {follower, fewest};
            }
            assertThat(System.nanoTime() < deadline).as("shard %d has a leader and a follower: %s", shard,
                    view.views()).isTrue();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static int ledBy(ClusterView view, int node) {
        int led = 0;
        for (int s = 0; s < shards; s++) {
            led += view.leaderOf(s) == node ? 1 : 0;
        }
        return led;
    }
}
