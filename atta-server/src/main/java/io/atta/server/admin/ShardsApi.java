package io.atta.server.admin;

import io.atta.cluster.LedgerService;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/** {@code GET /v1/admin/shards} (admin only): the routing table and each shard's state (docs/API.md, Admin). */
public final class ShardsApi {
    private final LedgerService service;
    /** Leadership and applied index, known only for a node's own replicas; null otherwise. */
    private final IntFunction<ShardsJson.Status> status;

    public ShardsApi(LedgerService service) {
        this.service = service;
        this.status = service.replicas().<IntFunction<ShardsJson.Status>>map(replicas ->
                s -> new ShardsJson.Status(service.leads(s), replicas.appliedIndex(s))).orElse(null);
    }

    public CompletableFuture<Reply> get(ApiCall call) {
        if (!call.caller().isAdmin()) {
            throw ApiException.forbidden("only the admin key may see the shards", null);
        }
        return CompletableFuture.completedFuture(new Reply(200, ShardsJson.of(service.routing(), status)));
    }
}
