package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moves each group's leadership to its preferred leader, the first voter of its {@code shard.S}
 * line, when that node is alive and votes in the group: the leaders then spread over the nodes
 * as the file spread them, instead of piling up on the node that happened to win the elections.
 */
final class Rebalance {
    /** What became of one shard. */
    record Outcome(int shard, int preferred, int leaderBefore, int leaderAfter, String reason) {
        boolean moved() {
            return leaderBefore != leaderAfter;
        }

        String describe() {
            if (moved()) {
                return "shard " + shard + ": leadership moved from "
                        + (leaderBefore == ClusterView.noLeader ? "no leader" : "node " + leaderBefore)
                        + " to node " + leaderAfter;
            }
            return "shard " + shard + ": " + (leaderAfter == ClusterView.noLeader ? "no leader"
                    : "node " + leaderAfter + " leads") + (reason == null ? "" : " (" + reason + ")");
        }
    }

    private Rebalance() {
    }

    static List<Outcome> run(ClusterFile file, Membership groups, Consumer<String> progress) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int s = 0; s < file.shards(); s++) {
            Outcome o = one(file, groups, s);
            progress.accept(o.describe());
            outcomes.add(o);
        }
        return outcomes;
    }

    private static Outcome one(ClusterFile file, Membership groups, int shard) {
        int preferred = file.voters().get(shard).get(0);
        int leader = groups.leaderNode(shard);
        if (leader == preferred) {
            return new Outcome(shard, preferred, leader, leader, "its preferred leader");
        }
        if (leader == ClusterView.noLeader) {
            return new Outcome(shard, preferred, leader, leader, "no node knows a leader; try again once it has one");
        }
        String endpoint = file.node(preferred).raftEndpoint();
        if (!groups.conf(shard).voters().contains(endpoint)) {
            return new Outcome(shard, preferred, leader, leader, "preferred node " + preferred
                    + " does not vote in the group, though the cluster file says so");
        }
        if (!groups.aliveVoters(shard).contains(endpoint)) {
            return new Outcome(shard, preferred, leader, leader, "preferred node " + preferred + " is down");
        }
        groups.transferLeader(shard, preferred);
        return new Outcome(shard, preferred, leader, preferred, null);
    }
}
