package io.atta.server.gateway;

import io.atta.server.apps.AppDirectory;
import io.atta.server.cashier.CashierApi;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.metrics.GatewayMetrics;
import io.atta.server.outbound.OutboundUrlValidator;
import io.atta.server.trades.Trades;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The Alipay gateway's parts, put together: its methods, its route, its buyers' payment codes. */
public final class Gateway {
    private final GatewayRoute route;
    private final PaymentCodes codes;

    /**
     * @param clock     the server's clock, for request timestamps and the times answers carry
     * @param nowNanos  the node's clock (a test clock moves it), for payment codes' expiry
     * @param publicUrl the base URL buyers reach this server at
     * @param urls      what a request's notify_url may name
     */
    public Gateway(Trades trades, MerchantDirectory merchants, AppDirectory apps, PlatformKeys keys, Clock clock,
                   LongSupplier nowNanos, GatewayOptions options, Supplier<String> publicUrl, GatewayMetrics metrics,
                   OutboundUrlValidator urls) {
        this.codes = new PaymentCodes(keys.privateKey(), nowNanos, options.paymentCodeSeconds());
        OrderMethods orders = new OrderMethods(trades, merchants, codes,
                tradeNo -> publicUrl.get() + CashierApi.path(tradeNo, false));
        OrderMethods wapOrders = new OrderMethods(trades, merchants, codes,
                tradeNo -> publicUrl.get() + CashierApi.path(tradeNo, true));
        PaidTradeMethods paid = new PaidTradeMethods(trades);
        Map<String, Function<GatewayCall, CompletableFuture<MethodReply>>> methods = Map.ofEntries(
                Map.entry("alipay.trade.precreate", orders::precreate),
                Map.entry("alipay.trade.create", orders::create),
                Map.entry("alipay.trade.pay", orders::pay),
                Map.entry("alipay.trade.query", paid::query),
                Map.entry("alipay.trade.refund", paid::refund),
                Map.entry("alipay.trade.fastpay.refund.query", paid::refundQuery),
                Map.entry("alipay.trade.close", paid::close),
                Map.entry("alipay.trade.cancel", paid::cancel),
                Map.entry(PageMethods.pagePay, orders::page),
                Map.entry(PageMethods.wapPay, wapOrders::page),
                Map.entry(PageMethods.appPay, wapOrders::page));
        this.route = new GatewayRoute(methods, apps, keys, clock, options, metrics, urls);
    }

    public GatewayRoute route() {
        return route;
    }

    public PaymentCodes codes() {
        return codes;
    }
}
