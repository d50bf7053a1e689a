package io.atta.server.admin;

import io.atta.cluster.ClusterMember;
import io.atta.cluster.LedgerService;
import io.atta.cluster.Replicas;
import io.atta.cluster.shard.ReplicaStatus;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.json.Json;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/admin/cluster} and {@code GET /v1/admin/cluster/shards/{shard}/hash} (admin
 * only): how this node sees each shard's group, and its replica's state hash (docs/CLUSTER.md).
 * {@code atta cluster status} asks every node and puts the answers together.
 */
public final class ClusterApi {
    private final LedgerService service;

    public ClusterApi(LedgerService service) {
        this.service = service;
    }

    public CompletableFuture<Reply> get(ApiCall call) {
        requireAdmin(call);
        Replicas replicas = requireReplicas();
        ClusterMember member = replicas.cluster();
        byte[] body = Json.write(1024, g -> {
            g.writeStartObject();
            if (member == null) {
                g.writeNullField("node_id");
            } else {
                g.writeNumberField("node_id", member.nodeId());
            }
            g.writeStringField("raft", replicas.raftEndpoint());
            g.writeArrayFieldStart("shards");
            for (int s = 0; s < service.shardCount(); s++) {
                ReplicaStatus r = replicas.status(s);
                g.writeStartObject();
                g.writeNumberField("shard", r.shard());
                g.writeStringField("role", r.role());
                g.writeNumberField("term", r.term());
                if (r.leader() == null) {
                    g.writeNullField("leader");
                } else {
                    g.writeStringField("leader", r.leader());
                }
                strings(g, "voters", r.voters());
                strings(g, "learners", r.learners());
                g.writeNumberField("last_log_index", r.lastLogIndex());
                g.writeNumberField("committed_index", r.committedIndex());
                g.writeNumberField("applied_index", r.appliedIndex());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return CompletableFuture.completedFuture(new Reply(200, body));
    }

    public CompletableFuture<Reply> stateHash(ApiCall call) {
        requireAdmin(call);
        Replicas replicas = requireReplicas();
        int shard = call.pathIndex("shard", service.shardCount());
        long[] indexAndHash = replicas.appliedIndexAndStateHash(shard);
        return CompletableFuture.completedFuture(Reply.ok(g -> {
            g.writeNumberField("shard", shard);
            g.writeNumberField("applied_index", indexAndHash[0]);
            g.writeStringField("state_hash", Long.toHexString(indexAndHash[1]));
        }));
    }

    private static void strings(com.fasterxml.jackson.core.JsonGenerator g, String name, List<String> values)
            throws java.io.IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void requireAdmin(ApiCall call) {
        if (!call.caller().isAdmin()) {
            throw ApiException.forbidden("only the admin key may see the cluster", null);
        }
    }

    private Replicas requireReplicas() {
        return service.replicas().orElseThrow(() -> ApiException.notFound("this server runs no raft node"));
    }
}
