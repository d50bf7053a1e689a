package io.atta.server.accounts;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/** The routes of accounts (docs/API.md, Accounts): their owners open, close and read them; an operator reopens. */
public final class AccountRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        AccountApi accounts = new AccountApi(context.ledger(), context.access());
        r.get("/v1/users/{id}/accounts", Roles.holder, accounts::ofUser);
        r.post("/v1/accounts", Roles.holder, accounts::create);
        r.get("/v1/accounts/{id}", Roles.holder, accounts::get);
        r.post("/v1/accounts/{id}/close", Roles.holder, accounts::close);
        r.post("/v1/accounts/{id}/reopen", Roles.admin, accounts::reopen);
        r.get("/v1/accounts/{id}/transfers", Roles.holder, accounts::transfers);
        r.get("/v1/accounts/{id}/balance", Roles.holder, accounts::balance);
    }
}
