package io.atta.server.gateway;

import io.atta.engine.trade.OrderView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the cashier page sends a buyer who paid: the order's {@code return_url} with the
 * parameters Alipay adds ({@code method=alipay.trade.page.pay.return}, or {@code wap}),
 * signed with the platform's key as notifications are, so the merchant checks them with
 * {@code AlipaySignature.rsaCheckV1}. The notification, not this redirect, is what a merchant
 * should ship on: a buyer may close the page before it loads.
 */
public final class ReturnParams {
    private final PlatformKeys keys;
    private final Clock clock;

    public ReturnParams(PlatformKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The signed parameters of a paid order; {@code wap} for an order opened by {@code alipay.trade.wap.pay}. */
    public Map<String, String> of(OrderView o, boolean wap) {
        Map<String, String> p = new TreeMap<>();
        p.put("method", wap ? "alipay.trade.wap.pay.return" : "alipay.trade.page.pay.return");
        p.put("out_trade_no", o.outTradeNo());
        p.put("trade_no", Long.toString(o.tradeNo()));
        p.put("total_amount", GatewayAmount.format(o.amount()));
        p.put("seller_id", Long.toString(o.merchantId()));
        p.put("app_id", Long.toString(o.appId()));
        p.put("auth_app_id", Long.toString(o.appId()));
        p.put("timestamp", GatewayTime.format(clock.instant()));
        p.put("charset", "utf-8");
        p.put("version", "1.0");
        GatewaySignature.signForMerchant(p, keys.privateKey());
        return p;
    }

    /** {@code returnUrl} with the parameters added to its query. */
    public static String url(String returnUrl, Map<String, String> params) {
        StringBuilder b = new StringBuilder(returnUrl);
        char sep = returnUrl.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> e : params.entrySet()) {
            b.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }
}
