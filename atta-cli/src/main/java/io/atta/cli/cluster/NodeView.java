package io.atta.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One node's view of the cluster: {@code GET /v1/admin/cluster}, parsed. */
public record NodeView(int nodeId, String raft, List<ReplicaView> shards) {
    static NodeView of(JsonNode document) {
        List<ReplicaView> shards = new ArrayList<>();
        document.path("shards").forEach(s -> shards.add(ReplicaView.of(s)));
        return new NodeView(document.path("node_id").asInt(), document.path("raft").asText(), List.copyOf(shards));
    }

    /** This node's replica of {@code shard}, or null when the node reports none. */
    public ReplicaView shard(int shard) {
        for (ReplicaView r : shards) {
            if (r.shard() == shard) {
                return r;
            }
        }
        return null;
    }
}
