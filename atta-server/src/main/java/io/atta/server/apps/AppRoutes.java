package io.atta.server.apps;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

import java.util.function.Supplier;

/**
 * The routes of a merchant's gateway apps (docs/API.md, Apps): an app's public key, with the
 * platform's key and the gateway's URL in the answer, is what a merchant's Alipay SDK is set up with.
 */
public final class AppRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        Supplier<String> publicUrl = context.publicUrl();
        AppApi apps = new AppApi(context.ledger(), context.merchants(), context.platformKeys().publicKeyBase64(),
                () -> publicUrl.get() + "/gateway.do");
        r.post("/v1/merchants/{id}/apps", Roles.merchant, apps::create);
        r.get("/v1/merchants/{id}/apps", Roles.merchant, apps::list);
    }
}
