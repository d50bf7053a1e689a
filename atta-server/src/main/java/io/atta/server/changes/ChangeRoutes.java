package io.atta.server.changes;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/** The change stream (docs/REPORTING.md): {@code GET /v1/changes}, for the admin and reporting keys. */
public final class ChangeRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        ChangeApi changes = new ChangeApi(context.ledger(), RecordChangeJson.standard(), context.serverThreads());
        r.get("/v1/changes", Roles.reporting, changes::get);
    }
}
