package io.atta.cluster.shard;

import java.util.List;

/**
 * How one replica sees its shard's group (GET /v1/admin/cluster).
 *
 * @param role           leader, follower, learner, candidate, ... (SOFAJRaft's node state)
 * @param term           the leader's term on the leader, -1 elsewhere
 * @param leader         the leader's raft endpoint, or null when this replica knows none
 * @param voters         raft endpoints of the voting replicas in the configuration this replica holds
 * @param learners       raft endpoints of the learner replicas
 * @param lastLogIndex   the last index in this replica's log
 * @param committedIndex the last index this replica knows to be committed
 * @param appliedIndex   the last index applied to this replica's ledger
 */
public record ReplicaStatus(int shard, String role, long term, String leader, List<String> voters,
                            List<String> learners, long lastLogIndex, long committedIndex, long appliedIndex) {
}
