package io.atta.server.merchants;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/** The routes of merchants (docs/API.md, Merchants): an operator signs them up and lists them; each reads itself. */
public final class MerchantRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        MerchantApi merchants = new MerchantApi(context.ledger(), context.merchants(), context.urls(),
                context.options().masterKey());
        MerchantListApi list = new MerchantListApi(context.ledger());
        r.post("/v1/merchants", Roles.admin, merchants::create);
        r.get("/v1/merchants", Roles.admin, list::list);
        r.get("/v1/merchants/{id}", Roles.merchant, merchants::get);
    }
}
