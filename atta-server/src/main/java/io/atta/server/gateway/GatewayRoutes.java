package io.atta.server.gateway;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;
import io.atta.server.metrics.GatewayMetrics;

import java.time.Clock;

/**
 * The Alipay gateway's routes (docs/ALIPAY.md): {@code /gateway.do}, which needs no API key (a
 * merchant's request is checked by its RSA2 signature, {@link GatewayRoute}), and a buyer's
 * payment code (docs/API.md, Users), which a merchant's {@code alipay.trade.pay} then spends.
 */
public final class GatewayRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        GatewayOptions options = context.options().gateway();
        Gateway gateway = new Gateway(context.trades(), context.merchants(), context.apps(), context.platformKeys(),
                Clock.systemUTC(), context.nowNanos(), options, context.publicUrl(),
                new GatewayMetrics(context.registry()), context.urls());
        PaymentCodeApi codes = new PaymentCodeApi(context.ledger(), gateway.codes());
        r.get("/v1/users/{id}/payment-code", Roles.holder, codes::issue);
        r.openPost("/gateway.do", gateway.route()::handle);
        r.openGet("/gateway.do", gateway.route()::handle);
    }
}
