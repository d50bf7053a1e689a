package io.atta.server.admin;

import io.atta.cluster.AttaNode;
import io.atta.cluster.LedgerService;
import io.atta.cluster.shard.ShardGroup;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/** {@code GET /v1/admin/shards} (admin only): the routing table and each shard's state (docs/API.md, Admin). */
public final class ShardsApi {
    private final LedgerService service;
    /** Leadership and applied index, known only for a node's own shard groups; null otherwise. */
    private final IntFunction<ShardsJson.Status> status;

    public ShardsApi(LedgerService service) {
        this.service = service;
        this.status = service instanceof AttaNode node ? s -> {
            ShardGroup g = node.group(s);
            return new ShardsJson.Status(g.isLeader(), g.appliedIndex());
        } : null;
    }

    public CompletableFuture<Reply> get(ApiCall call) {
        if (!call.caller().isAdmin()) {
            throw ApiException.forbidden("only the admin key may see the shards", null);
        }
        return CompletableFuture.completedFuture(new Reply(200, ShardsJson.of(service.routing(), status)));
    }
}
