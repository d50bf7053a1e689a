package io.atta.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * How one node's replica sees a shard's group: one element of {@code shards} in
 * {@code GET /v1/admin/cluster}.
 *
 * @param role   leader, follower, learner, candidate, ... (as the node says)
 * @param term   the leader's term on the leader, -1 elsewhere
 * @param leader raft endpoint of the leader this replica knows, or null
 */
public record ReplicaView(int shard, String role, long term, String leader, List<String> voters,
                          List<String> learners, long lastLogIndex, long committedIndex, long appliedIndex) {
    public boolean isLeader() {
        return "leader".equals(role);
    }

    static ReplicaView of(JsonNode s) {
        JsonNode leader = s.path("leader");
        return new ReplicaView(s.path("shard").asInt(), s.path("role").asText(), s.path("term").asLong(-1),
                leader.isTextual() ? leader.asText() : null, strings(s.path("voters")), strings(s.path("learners")),
                s.path("last_log_index").asLong(), s.path("committed_index").asLong(),
                s.path("applied_index").asLong());
    }

    private static List<String> strings(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(e -> l.add(e.asText()));
        return List.copyOf(l);
    }
}
