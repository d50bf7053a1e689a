package io.atta.server.users;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/** The routes of users (docs/API.md, Users): an operator creates, lists and funds them; a user reads itself. */
public final class UserRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        UserApi users = new UserApi(context.ledger());
        UserListApi list = new UserListApi(context.ledger());
        r.post("/v1/users", Roles.admin, users::create);
        r.get("/v1/users", Roles.admin, list::list);
        r.get("/v1/users/{id}", Roles.holder, users::get);
        r.post("/v1/users/{id}/topup", Roles.admin, users::topUp);
        r.post("/v1/users/{id}/withdraw", Roles.admin, users::withdraw);
    }
}
