package io.atta.it.cluster;

import io.atta.cli.cluster.ClusterView;
import io.atta.cli.cluster.ReplicaView;
import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;
import io.atta.it.cluster.LoadRecorder.Acked;
import io.atta.it.cluster.Wallets.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Membership changes under concurrent payments, each made with {@code atta cluster} as an
 * operator would: a fourth node joins every group as a learner ({@code add-node}), takes over
 * node 1's vote in shard 0 ({@code move-replica}), one group's leadership moves
 * ({@code transfer-leader}) and node 1 leaves the cluster ({@code remove-node}, which moves its
 * remaining votes first and stops it). Afterwards every acknowledged payment is on every
 * remaining node, new node included, the replicas agree, every currency sums to zero, and each
 * group's voters are nodes 2, 3 and 4 with no learner left.
 */
class ClusterMembershipIT {
    private static final int nodes = 3;
    private static final int shards = 3;
    private static final int walletsPerShard = 3;
    private static final long fundingMinor = 1_000_000_00L;
    private static final int loaders = 3;
    private static final int paymentsBetweenSteps = 30;
    private static final long progressBoundMs = 60_000;
    private static final long configurationBoundMs = 30_000;
    private static final long probeTimeoutMs = 10_000;
    private static final int added = 4;
    private static final int removed = 1;
    private static final int movedShard = 0;
    private static final int ledShard = 1;
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void membershipChangesUnderLoadLoseNothing() throws Exception {
        long began = System.nanoTime();
        try (LoopbackCluster cluster = LoopbackCluster.start(tmp, nodes, shards, seed)) {
            try {
                run(cluster);
            } catch (Throwable t) {
                cluster.printLogs();
                System.out.printf("ClusterMembershipIT failed with seed %d; the nodes' directories are kept in %s%n",
                        seed, tmp);
                throw t;
            }
        }
        System.out.printf("ClusterMembershipIT (seed %d) took %d ms%n", seed,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private void run(LoopbackCluster cluster) throws Exception {
        String key = cluster.adminKey();
        List<Wallet> wallets = Wallets.funded(cluster.uri(1), key, cluster.routing(1), walletsPerShard, fundingMinor);
        ClusterVerbs verbs = new ClusterVerbs(cluster);
        List<String> happened = new ArrayList<>();
        List<Acked> acked;
        ClusterAudit audit = new ClusterAudit(key);
        try (LoadRecorder load = new LoadRecorder(cluster.uris(), key, wallets, loaders, seed);
             ProbeWriter probes = new ProbeWriter(key, wallets, probeTimeoutMs)) {
            load.start();
            load.awaitMore(paymentsBetweenSteps, progressBoundMs, "before the first change");

            happened.add(timed("add-node", () -> verbs.run("add-node", "--settlement-interval", "0", "--jvm-opts",
                    String.join(" ", cluster.jvmOptions()))));
            assertThat(cluster.file().nodes()).as("the cluster file after add-node").containsKey(added);
            load.retarget(cluster.uris());
            load.awaitMore(paymentsBetweenSteps, progressBoundMs, "after node " + added + " joined");

            happened.add(timed("move-replica", () -> verbs.run("move-replica", "--shard", Integer.toString(movedShard),
                    "--from", Integer.toString(removed), "--to", Integer.toString(added))));
            load.awaitMore(paymentsBetweenSteps, progressBoundMs, "after shard " + movedShard + "'s vote moved");

            int leader = cluster.awaitLeader(ledShard);
            int target = cluster.file().voters().get(ledShard).stream().filter(n -> n != leader && n != removed)
                    .findFirst().orElseThrow();
            happened.add(timed("transfer-leader", () -> verbs.run("transfer-leader", "--shard",
                    Integer.toString(ledShard), "--to", Integer.toString(target))));
            assertThat(cluster.awaitLeader(ledShard)).as("shard %d's leader after transfer-leader to node %d",
                    ledShard, target).isEqualTo(target);
            happened.add("shard " + ledShard + "'s leadership moved from node " + leader + " to node " + target);
            load.awaitMore(paymentsBetweenSteps, progressBoundMs, "after shard " + ledShard + "'s leadership moved");

            happened.add(timed("remove-node", () -> verbs.run("remove-node", "--node", Integer.toString(removed))));
            assertThat(cluster.local().isRunning(removed)).as("node %d's process after remove-node", removed).isFalse();
            load.retarget(cluster.uris());
            load.awaitMore(paymentsBetweenSteps, progressBoundMs, "after node " + removed + " left");

            acked = new ArrayList<>(load.stop());
            long healthyMs = audit.awaitHealthy(cluster.nodes());
            probes.assertEachNodeWrites(cluster.nodes(), shards);
            acked.addAll(probes.acked());
            happened.add(load.summary());
            happened.add("every node knew a leader for every group " + healthyMs + " ms after the load stopped, "
                    + "and a write through each was acknowledged at once");
        }

        List<NodeAddress> remaining = cluster.nodes();
        assertThat(remaining).extracting(NodeAddress::id).containsExactly(2, 3, 4);
        awaitConfiguration(cluster, remaining);
        audit.awaitQuiet(remaining.get(0));
        var agreed = audit.awaitAgreement(remaining, shards);
        audit.assertEveryNodeHas(remaining, acked);
        audit.assertBalanced(remaining, wallets, fundingMinor, acked);
        System.out.printf("ClusterMembershipIT (seed %d):%n  %s%n  replicas agree: %s%n", seed,
                String.join("\n  ", happened), agreed);
    }

    /**
     * Waits until every remaining node's replica of every group has the remaining nodes as its
     * voters and no learner, and checks the cluster file says the same.
     */
    private static void awaitConfiguration(LoopbackCluster cluster, List<NodeAddress> remaining)
            throws InterruptedException {
        ClusterFile file = cluster.file();
        Set<String> expected = new TreeSet<>(remaining.stream().map(NodeAddress::raftEndpoint).toList());
        for (int s = 0; s < shards; s++) {
            assertThat(new TreeSet<>(file.voters().get(s))).as("shard %d's voters in the cluster file", s)
                    .containsExactly(2, 3, 4);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(configurationBoundMs);
        List<String> differing;
        do {
            ClusterView view = cluster.local().status();
            differing = new ArrayList<>();
            for (NodeAddress n : remaining) {
                for (int s = 0; s < shards; s++) {
                    ReplicaView r = view.replica(n.id(), s);
                    if (r == null || !new TreeSet<>(r.voters()).equals(expected) || !r.learners().isEmpty()) {
                        differing.add("node " + n.id() + " shard " + s + ": " + r);
                    }
                }
            }
            if (differing.isEmpty()) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        } while (System.nanoTime() < deadline);
        assertThat(differing).as("replicas whose group is not voted by %s alone", expected).isEmpty();
    }

    private interface Verb {
        String run() throws Exception;
    }

    /** Runs a verb; says how long it took and what it printed. */
    private static String timed(String name, Verb verb) throws Exception {
        long began = System.nanoTime();
        String out = verb.run();
        return String.format("%s took %d ms:%n    %s", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
                out.strip().replace("\n", "\n    "));
    }
}
