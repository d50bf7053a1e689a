package io.atta.server.sample;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.ApiCall;
import io.atta.server.http.Reply;
import io.atta.server.http.RouteTable;
import io.atta.server.http.ServerLedger;

import java.util.concurrent.CompletableFuture;

/**
 * A product package as a new one would start, in the test tree only: one route, declared with the
 * roles it admits, over the shared ledger. Nothing in the main tree names it; a test mounts it
 * next to {@code AttaServer.modules}.
 *
 * <p>{@code GET /v1/sample/users/{id}} (admin or merchant keys): which shard holds the user and
 * whether the shard knows it, {@code {"user_id":"…","shard":0,"known":true}}.
 */
public final class SampleRoutes implements ServerModule {
    public static final String path = "/v1/sample/users/{id}";

    @Override
    public void declare(ServerContext context, RouteTable r) {
        ServerLedger ledger = context.ledger();
        r.get(path, Roles.merchant, call -> user(ledger, call));
    }

    private static CompletableFuture<Reply> user(ServerLedger ledger, ApiCall call) {
        long userId = call.pathId("id");
        return ledger.read(userId, l -> l.user(userId) != null).thenApply(known -> Reply.ok(g -> {
            g.writeStringField("user_id", Long.toString(userId));
            g.writeNumberField("shard", ledger.shardOf(userId));
            g.writeBooleanField("known", known);
        }));
    }
}
