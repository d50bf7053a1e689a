package io.atta.server.payments;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/** The routes of payments between users (docs/API.md, Payments), on one shard or across two. */
public final class PaymentRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        P2pApi payments = new P2pApi(context.ledger());
        r.post("/v1/payments/p2p", Roles.holder, payments::pay);
        r.get("/v1/payments/p2p", Roles.holder, payments::list);
        r.get("/v1/payments/p2p/{request_id}", Roles.holder, payments::get);
    }
}
