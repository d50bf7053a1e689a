package io.atta.server;

import io.atta.server.accounts.AccountApi;
import io.atta.server.admin.ClusterApi;
import io.atta.server.admin.InvariantsApi;
import io.atta.server.admin.ShardsApi;
import io.atta.server.apps.AppApi;
import io.atta.server.cashier.CashierApi;
import io.atta.server.channels.ChannelRoutes;
import io.atta.server.cluster.RoutingApi;
import io.atta.server.gateway.GatewayRoute;
import io.atta.server.gateway.PaymentCodeApi;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;
import io.atta.server.http.ErrorReplies;
import io.atta.server.keys.KeyApi;
import io.atta.server.merchants.MerchantApi;
import io.atta.server.merchants.MerchantListApi;
import io.atta.server.payments.P2pApi;
import io.atta.server.testclock.TestClockApi;
import io.atta.server.trades.TradeActionApi;
import io.atta.server.trades.TradeApi;
import io.atta.server.transfers.TransferApi;
import io.atta.server.users.UserApi;
import io.atta.server.users.UserListApi;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Every route of the server, in one place (docs/API.md; openapi.json describes the same set, and
 * a test keeps the two equal). {@code /v1} routes name the roles they admit (docs/SECURITY.md)
 * and are authenticated and asynchronous through the {@code Dispatcher}; the operational routes need no key.
 */
final class Routes {
    private Routes() {
    }

    record Apis(UserApi users, AccountApi accounts, TransferApi transfers, ShardsApi shards, P2pApi payments,
                InvariantsApi invariants, ClusterApi cluster, RoutingApi routing, MerchantApi merchants,
                TradeApi trades, AppApi apps, PaymentCodeApi paymentCodes, KeyApi keys, UserListApi userList,
                MerchantListApi merchantList, ChannelRoutes channels) {
    }

    /** The Alipay gateway and the cashier page: not under {@code /v1}, they authenticate in their own ways. */
    record Alipay(GatewayRoute gateway, CashierApi cashier) {
    }

    record Operations(BooleanSupplier healthy, IntSupplier shards, PrometheusMeterRegistry registry,
                      byte[] openApi) {
    }

    static void declare(Javalin app, RouteTable r, Apis api, Alipay alipay, Operations ops) {
        r.post("/v1/users", Roles.admin, api.users()::create);
        r.get("/v1/users", Roles.admin, api.userList()::list);
        r.get("/v1/users/{id}", Roles.holder, api.users()::get);
        r.post("/v1/users/{id}/topup", Roles.admin, api.users()::topUp);
        r.post("/v1/users/{id}/withdraw", Roles.admin, api.users()::withdraw);
        r.get("/v1/users/{id}/payment-code", Roles.holder, api.paymentCodes()::issue);
        r.get("/v1/users/{id}/accounts", Roles.holder, api.accounts()::ofUser);

        r.post("/v1/accounts", Roles.holder, api.accounts()::create);
        r.get("/v1/accounts/{id}", Roles.holder, api.accounts()::get);
        r.post("/v1/accounts/{id}/close", Roles.holder, api.accounts()::close);
        r.post("/v1/accounts/{id}/reopen", Roles.admin, api.accounts()::reopen);
        r.get("/v1/accounts/{id}/transfers", Roles.holder, api.accounts()::transfers);
        r.get("/v1/accounts/{id}/balance", Roles.holder, api.accounts()::balance);

        r.post("/v1/transfers", Roles.holder, api.transfers()::create);
        r.get("/v1/transfers/{id}", Roles.holder, api.transfers()::get);

        r.post("/v1/payments/p2p", Roles.holder, api.payments()::pay);
        r.get("/v1/payments/p2p", Roles.holder, api.payments()::list);
        r.get("/v1/payments/p2p/{request_id}", Roles.holder, api.payments()::get);

        r.post("/v1/merchants", Roles.admin, api.merchants()::create);
        r.get("/v1/merchants", Roles.admin, api.merchantList()::list);
        r.get("/v1/merchants/{id}", Roles.merchant, api.merchants()::get);
        r.post("/v1/merchants/{id}/apps", Roles.merchant, api.apps()::create);
        r.get("/v1/merchants/{id}/apps", Roles.merchant, api.apps()::list);

        // A trade's parties are checked per trade (the seller ships, the buyer confirms…).
        r.post("/v1/trades", Roles.merchant, api.trades()::create);
        r.get("/v1/trades", Roles.holder, api.trades()::list);
        r.post("/v1/trades/batch", Roles.holder, api.trades()::batch);
        r.get("/v1/trades/{trade_no}", Roles.holder, api.trades()::get);
        r.post("/v1/trades/{trade_no}/pay", Roles.holder, api.trades()::pay);
        TradeActionApi act = api.trades().actions();
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

        // Users and merchants make keys for themselves; every key-holder manages its own (a channel rotates its key).
        r.post("/v1/keys", Roles.holder, api.keys()::create);
        r.get("/v1/keys", Roles.any, api.keys()::list);
        r.get("/v1/keys/{id}", Roles.any, api.keys()::get);
        r.post("/v1/keys/{id}/rotate", Roles.any, api.keys()::rotate);
        r.post("/v1/keys/{id}/revoke", Roles.any, api.keys()::revoke);

        api.channels().declare(r);

        r.get("/v1/cluster/routing", Roles.any, api.routing()::get);

        r.openPost("/gateway.do", alipay.gateway()::handle);
        r.openGet("/gateway.do", alipay.gateway()::handle);
        r.openGet("/cashier/{trade_no}", alipay.cashier()::show);
        r.openPost("/cashier/{trade_no}", alipay.cashier()::pay);

        r.get("/v1/admin/shards", Roles.admin, api.shards()::get);
        r.get("/v1/admin/invariants", Roles.admin, api.invariants()::get);
        r.get("/v1/admin/cluster", Roles.admin, api.cluster()::get);
        r.get("/v1/admin/cluster/shards/{shard}/hash", Roles.admin, api.cluster()::stateHash);

        r.openGet("/health", ctx -> {
            boolean ok = ops.healthy().getAsBoolean();
            String body = "{\"status\":\"" + (ok ? "ok" : "unavailable") + "\",\"shards\":"
                    + ops.shards().getAsInt() + "}";
            ctx.status(ok ? 200 : 503).contentType("application/json").result(body);
        });
        r.openGet("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(ops.registry().scrape().getBytes(StandardCharsets.UTF_8)));
        r.openGet("/openapi.json", ctx -> ctx.contentType("application/json").result(ops.openApi()));

        app.exception(Exception.class, ErrorReplies::handle);
        // Javalin keeps a handler of its own (plain text) for its HTTP statuses; ours replaces it.
        app.exception(io.javalin.http.HttpResponseException.class, ErrorReplies::handle);
        app.error(404, ErrorReplies::noRoute);
    }

    /**
     * The test clock's routes, declared only for a node started with {@code --test-clock}:
     * without it they do not exist (404 as any unknown route). openapi.json marks them
     * {@code x-atta-test-clock}.
     */
    static void declareTestClock(RouteTable r, TestClockApi clock) {
        r.get("/v1/test/clock", Roles.admin, clock::get);
        r.post("/v1/test/clock/advance", Roles.admin, clock::advance);
    }
}
