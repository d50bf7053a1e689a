package io.atta.server.transfers;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;
import io.atta.server.metrics.TransferMetrics;

/** The routes of transfers (docs/API.md, Transfers): batches of up to {@code maxBatchTransfers}, and reading one. */
public final class TransferRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        TransferApi transfers = new TransferApi(context.ledger(), context.access(),
                new TransferMetrics(context.registry()));
        r.post("/v1/transfers", Roles.holder, transfers::create);
        r.get("/v1/transfers/{id}", Roles.holder, transfers::get);
    }
}
