package io.atta.server;

import io.atta.server.accounts.AccountApi;
import io.atta.server.admin.ClusterApi;
import io.atta.server.admin.InvariantsApi;
import io.atta.server.admin.ShardsApi;
import io.atta.server.apps.AppApi;
import io.atta.server.cashier.CashierApi;
import io.atta.server.cluster.RoutingApi;
import io.atta.server.gateway.GatewayRoute;
import io.atta.server.gateway.PaymentCodeApi;
import io.atta.server.http.Dispatcher;
import io.atta.server.http.ErrorReplies;
import io.atta.server.merchants.MerchantApi;
import io.atta.server.payments.P2pApi;
import io.atta.server.testclock.TestClockApi;
import io.atta.server.trades.TradeActionApi;
import io.atta.server.trades.TradeApi;
import io.atta.server.transfers.TransferApi;
import io.atta.server.users.UserApi;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Every route of the server, in one place (docs/API.md; openapi.json describes the same set, and
 * a test keeps the two equal). {@code /v1} routes are authenticated and asynchronous through the
 * {@link Dispatcher}; the operational routes need no key.
 */
final class Routes {
    private Routes() {
    }

    record Apis(UserApi users, AccountApi accounts, TransferApi transfers, ShardsApi shards, P2pApi payments,
                InvariantsApi invariants, ClusterApi cluster, RoutingApi routing, MerchantApi merchants,
                TradeApi trades, AppApi apps, PaymentCodeApi paymentCodes) {
    }

    /** The Alipay gateway and the cashier page: not under {@code /v1}, they authenticate in their own ways. */
    record Alipay(GatewayRoute gateway, CashierApi cashier) {
    }

    record Operations(BooleanSupplier healthy, IntSupplier shards, PrometheusMeterRegistry registry,
                      byte[] openApi) {
    }

    static void declare(Javalin app, Dispatcher d, Apis api, Alipay alipay, Operations ops) {
        app.post("/v1/users", ctx -> d.serve(ctx, api.users()::create));
        app.get("/v1/users/{id}", ctx -> d.serve(ctx, api.users()::get));
        app.post("/v1/users/{id}/topup", ctx -> d.serve(ctx, api.users()::topUp));
        app.post("/v1/users/{id}/withdraw", ctx -> d.serve(ctx, api.users()::withdraw));
        app.get("/v1/users/{id}/payment-code", ctx -> d.serve(ctx, api.paymentCodes()::issue));

        app.post("/v1/accounts", ctx -> d.serve(ctx, api.accounts()::create));
        app.get("/v1/accounts/{id}", ctx -> d.serve(ctx, api.accounts()::get));
        app.post("/v1/accounts/{id}/close", ctx -> d.serve(ctx, api.accounts()::close));
        app.get("/v1/accounts/{id}/transfers", ctx -> d.serve(ctx, api.accounts()::transfers));
        app.get("/v1/accounts/{id}/balance", ctx -> d.serve(ctx, api.accounts()::balance));

        app.post("/v1/transfers", ctx -> d.serve(ctx, api.transfers()::create));
        app.get("/v1/transfers/{id}", ctx -> d.serve(ctx, api.transfers()::get));

        app.post("/v1/payments/p2p", ctx -> d.serve(ctx, api.payments()::pay));
        app.get("/v1/payments/p2p/{request_id}",
                ctx -> d.serve(ctx, call -> api.payments().get(call, ctx.pathParam("request_id"))));

        app.post("/v1/merchants", ctx -> d.serve(ctx, api.merchants()::create));
        app.get("/v1/merchants/{id}", ctx -> d.serve(ctx, api.merchants()::get));
        app.post("/v1/merchants/{id}/apps", ctx -> d.serve(ctx, api.apps()::create));
        app.get("/v1/merchants/{id}/apps", ctx -> d.serve(ctx, api.apps()::list));

        app.post("/v1/trades", ctx -> d.serve(ctx, api.trades()::create));
        app.get("/v1/trades", ctx -> d.serve(ctx, api.trades()::list));
        app.post("/v1/trades/batch", ctx -> d.serve(ctx, api.trades()::batch));
        app.get("/v1/trades/{trade_no}", ctx -> d.serve(ctx, api.trades()::get));
        app.post("/v1/trades/{trade_no}/pay", ctx -> d.serve(ctx, api.trades()::pay));
        TradeActionApi act = api.trades().actions();
        app.post("/v1/trades/{trade_no}/ship", ctx -> d.serve(ctx, act::ship));
        app.post("/v1/trades/{trade_no}/confirm", ctx -> d.serve(ctx, act::confirm));
        app.post("/v1/trades/{trade_no}/close", ctx -> d.serve(ctx, act::close));
        app.post("/v1/trades/{trade_no}/extend-confirm", ctx -> d.serve(ctx, act::extendConfirm));
        app.post("/v1/trades/{trade_no}/refunds", ctx -> d.serve(ctx, act::requestRefund));
        app.post("/v1/trades/{trade_no}/refunds/{refund_id}/agree", ctx -> d.serve(ctx, act::agreeRefund));
        app.post("/v1/trades/{trade_no}/refunds/{refund_id}/reject", ctx -> d.serve(ctx, act::rejectRefund));
        app.post("/v1/trades/{trade_no}/refunds/{refund_id}/cancel", ctx -> d.serve(ctx, act::cancelRefund));
        app.post("/v1/trades/{trade_no}/disputes", ctx -> d.serve(ctx, act::dispute));
        app.post("/v1/trades/{trade_no}/disputes/{refund_id}/decide", ctx -> d.serve(ctx, act::decideDispute));

        app.get("/v1/cluster/routing", ctx -> d.serve(ctx, api.routing()::get));

        app.post("/gateway.do", alipay.gateway()::handle);
        app.get("/gateway.do", alipay.gateway()::handle);
        app.get("/cashier/{trade_no}", alipay.cashier()::show);
        app.post("/cashier/{trade_no}", alipay.cashier()::pay);

        app.get("/v1/admin/shards", ctx -> d.serve(ctx, api.shards()::get));
        app.get("/v1/admin/invariants", ctx -> d.serve(ctx, api.invariants()::get));
        app.get("/v1/admin/cluster", ctx -> d.serve(ctx, api.cluster()::get));
        app.get("/v1/admin/cluster/shards/{shard}/hash", ctx -> d.serve(ctx, api.cluster()::stateHash));

        app.get("/health", ctx -> {
            boolean ok = ops.healthy().getAsBoolean();
            String body = "{\"status\":\"" + (ok ? "ok" : "unavailable") + "\",\"shards\":"
                    + ops.shards().getAsInt() + "}";
            ctx.status(ok ? 200 : 503).contentType("application/json").result(body);
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(ops.registry().scrape().getBytes(StandardCharsets.UTF_8)));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(ops.openApi()));

        app.exception(Exception.class, ErrorReplies::handle);
        app.error(404, ErrorReplies::noRoute);
    }

    /**
     * The test clock's routes, declared only for a node started with {@code --test-clock}:
     * without it they do not exist (404 as any unknown route). openapi.json marks them
     * {@code x-atta-test-clock}.
     */
    static void declareTestClock(Javalin app, Dispatcher d, TestClockApi clock) {
        app.get("/v1/test/clock", ctx -> d.serve(ctx, clock::get));
        app.post("/v1/test/clock/advance", ctx -> d.serve(ctx, clock::advance));
    }
}
