package io.atta.server.trades;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.gateway.PaymentCodes;
import io.atta.server.http.RouteTable;

/**
 * The routes of escrow trades (docs/API.md, Trades; docs/TRADES.md). The roles say who may call a
 * route at all; a trade's parties are checked per trade (the seller ships, the buyer confirms…).
 */
public final class TradeRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        // Payment codes are checked by the platform key alone: this checker and the gateway's agree.
        PaymentCodes codes = new PaymentCodes(context.platformKeys().privateKey(), context.nowNanos(),
                context.options().gateway().paymentCodeSeconds());
        TradeApi trades = new TradeApi(context.trades(), codes);
        r.post("/v1/trades", Roles.merchant, trades::create);
        r.get("/v1/trades", Roles.holder, trades::list);
        r.post("/v1/trades/batch", Roles.holder, trades::batch);
        r.get("/v1/trades/{trade_no}", Roles.holder, trades::get);
        r.post("/v1/trades/{trade_no}/pay", Roles.holder, trades::pay);
        TradeActionApi act = trades.actions();
        r.post("/v1/trades/{trade_no}/ship", Roles.merchant, act::ship);
        r.post("/v1/trades/{trade_no}/confirm", Roles.holder, act::confirm);
        r.post("/v1/trades/{trade_no}/close", Roles.holder, act::close);
        r.post("/v1/trades/{trade_no}/extend-confirm", Roles.merchant, act::extendConfirm);
        r.post("/v1/trades/{trade_no}/refunds", Roles.holder, act::requestRefund);
        r.post("/v1/trades/{trade_no}/refunds/{refund_id}/agree", Roles.merchant, act::agreeRefund);
        r.post("/v1/trades/{trade_no}/refunds/{refund_id}/reject", Roles.merchant, act::rejectRefund);
        r.post("/v1/trades/{trade_no}/refunds/{refund_id}/cancel", Roles.holder, act::cancelRefund);
        r.post("/v1/trades/{trade_no}/disputes", Roles.holder, act::dispute);
        r.post("/v1/trades/{trade_no}/disputes/{refund_id}/decide", Roles.admin, act::decideDispute);
    }
}
