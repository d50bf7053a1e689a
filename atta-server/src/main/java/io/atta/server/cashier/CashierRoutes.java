package io.atta.server.cashier;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.gateway.ReturnParams;
import io.atta.server.http.RouteTable;

import java.time.Clock;

/**
 * The cashier page a page or wap payment sends its buyer to (docs/ALIPAY.md): it needs no API
 * key: the buyer signs in on the page with their user id and API key.
 */
public final class CashierRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        CashierApi cashier = new CashierApi(context.trades(), context.merchants(), context.authenticator(),
                new ReturnParams(context.platformKeys(), Clock.systemUTC()));
        r.openGet("/cashier/{trade_no}", cashier::show);
        r.openPost("/cashier/{trade_no}", cashier::pay);
    }
}
