package io.atta.server.gateway;

import io.atta.engine.gateway.GatewayNotice;
import io.atta.engine.trade.Notification;
import io.atta.server.notify.Delivery;
import io.atta.server.notify.NotificationFormat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alipay's asynchronous notifications ({@code notify_type=trade_status_sync}): a form-encoded
 * POST to the trade's {@code notify_url}, signed with the platform's key over every field but
 * {@code sign} and {@code sign_type} (what {@code AlipaySignature.rsaCheckV1} verifies). The
 * merchant takes it by answering exactly {@code success}; anything else is retried.
 */
public final class AlipayNotificationFormat implements NotificationFormat {
    private final PlatformKeys keys;
    private final Clock clock;

    public AlipayNotificationFormat(PlatformKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public HttpRequest.Builder request(Delivery d) {
        Map<String, String> fields = fields(d);
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
        }
        URI target;
        try {
            target = URI.create(d.gateway().notifyUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("notify_url is not a valid URL");
        }
        return HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }

    /** Every field of the notification, signed; empty values are left out, as Alipay does. */
    Map<String, String> fields(Delivery d) {
        Notification n = d.notification();
        GatewayNotice g = d.gateway();
        Map<String, String> f = new TreeMap<>();
        f.put("notify_type", "trade_status_sync");
        f.put("notify_id", d.eventId());
        f.put("notify_time", GatewayTime.format(clock.instant()));
        f.put("app_id", Long.toString(g.appId()));
        f.put("auth_app_id", Long.toString(g.appId()));
        f.put("charset", "utf-8");
        f.put("version", "1.0");
        f.put("trade_no", Long.toString(n.tradeNo()));
        f.put("out_trade_no", n.outTradeNo());
        f.put("trade_status", AlipayStatus.of(n.status()));
        f.put("total_amount", GatewayAmount.format(g.totalAmount()));
        f.put("receipt_amount", GatewayAmount.format(g.totalAmount()));
        f.put("buyer_pay_amount", GatewayAmount.format(g.totalAmount()));
        f.put("invoice_amount", GatewayAmount.format(g.totalAmount()));
        f.put("point_amount", "0.00");
        if (g.buyerUserId() != 0) {
            f.put("buyer_id", Long.toString(g.buyerUserId()));
        }
        f.put("seller_id", Long.toString(n.merchantId()));
        f.put("subject", g.subject());
        f.put("gmt_create", GatewayTime.formatEpochNanos(g.createdAt()));
        if (g.paidAt() != 0) {
            f.put("gmt_payment", GatewayTime.formatEpochNanos(g.paidAt()));
            f.put("fund_bill_list", FundBills.json(g.totalAmount()));
        }
        if (g.refundedTotal() != 0) {
            f.put("refund_fee", GatewayAmount.format(g.refundedTotal()));
            f.put("gmt_refund", GatewayTime.formatEpochNanos(n.at()));
            f.put("out_biz_no", g.outRequestNo());
        }
        f.values().removeIf(String::isEmpty);
        GatewaySignature.signForMerchant(f, keys.privateKey());
        return f;
    }

    /** The merchant must answer exactly {@code success} (Alipay trims surrounding whitespace). */
    @Override
    public boolean delivered(int statusCode, String bodyStart) {
        return statusCode == 200 && bodyStart.strip().equals("success");
    }
}
