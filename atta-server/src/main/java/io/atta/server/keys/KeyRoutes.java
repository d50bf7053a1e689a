package io.atta.server.keys;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/**
 * The routes of API keys (docs/API.md, Keys; docs/SECURITY.md): users and merchants make keys for
 * themselves, and every key-holder manages its own (a channel rotates its key). {@code /v1/me}
 * says who the calling key is, so that a client (the web console) can show what its role may do.
 */
public final class KeyRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        KeyApi keys = new KeyApi(context.ledger(), context.nowNanos());
        r.post("/v1/keys", Roles.holder, keys::create);
        r.get("/v1/keys", Roles.any, keys::list);
        r.get("/v1/keys/{id}", Roles.any, keys::get);
        r.post("/v1/keys/{id}/rotate", Roles.any, keys::rotate);
        r.post("/v1/keys/{id}/revoke", Roles.any, keys::revoke);
        r.get("/v1/me", Roles.any, KeyApi::me);
    }
}
