package io.atta.server.notify;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.engine.trade.Notification;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;
import io.atta.server.secrets.MasterKey;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;

/**
 * Atta's own webhooks (docs/API.md, Webhooks): a JSON event POSTed to the merchant's webhook
 * URL, signed with its webhook secret ({@link WebhookSignature}); any 2xx answer takes it.
 */
public final class WebhookFormat implements NotificationFormat {
    public static final String eventIdHeader = "Atta-Event-Id";
    static final String userAgent = "Atta-Webhooks/1";

    /**
     * The real time, not the node's: a receiver checks the signature's age against its own
     * clock, and a node on a test clock runs ahead of every real one.
     */
    private final Clock signingClock;
    private final MasterKey masterKey;

    /** @param masterKey opens the merchant's sealed webhook secret to sign with */
    public WebhookFormat(Clock signingClock, MasterKey masterKey) {
        this.signingClock = signingClock;
        this.masterKey = masterKey;
    }

    @Override
    public HttpRequest.Builder request(Delivery d) {
        String url = d.merchant().webhookUrl();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("merchant " + d.merchant().merchantId() + " has no webhook URL");
        }
        byte[] body = body(d);
        long t = signingClock.instant().getEpochSecond();
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .header(eventIdHeader, d.eventId())
                .header(WebhookSignature.headerName, WebhookSignature.header(secret(d), t, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /**
     * The merchant's webhook secret, opened. A merchant made before secrets were sealed keeps its
     * plaintext one (an old log entry cannot be rewritten); it signs as before.
     */
    private String secret(Delivery d) {
        String kept = d.merchant().webhookSecret();
        if (!MasterKey.isSealed(kept)) {
            return kept;
        }
        try {
            return masterKey.open(kept);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret of merchant " + d.merchant().merchantId()
                    + " cannot be opened: " + e.getMessage());
        }
    }

    @Override
    public boolean delivered(int statusCode, String bodyStart) {
        return statusCode >= 200 && statusCode <= 299;
    }

    /** The event as JSON; the same bytes on every delivery of it. */
    static byte[] body(Delivery d) {
        Notification n = d.notification();
        Currency currency = Currency.ofLedger(n.ledger());
        if (currency == null) {
            throw new IllegalStateException("notification " + d.eventId() + " names ledger " + n.ledger()
                    + ", which no currency has");
        }
        return Json.write(384, g -> {
            g.writeStartObject();
            g.writeStringField("id", d.eventId());
            g.writeStringField("type", n.event().apiName());
            g.writeStringField("created", ValueText.instant(n.at()));
            g.writeObjectFieldStart("data");
            g.writeStringField("trade_no", Long.toString(n.tradeNo()));
            g.writeStringField("out_trade_no", n.outTradeNo());
            g.writeStringField("merchant_id", Long.toString(n.merchantId()));
            g.writeStringField("status", n.status().name());
            g.writeStringField("amount", Amounts.format(n.amount(), currency));
            g.writeStringField("currency", currency.name());
            if (n.refundId() != 0) {
                g.writeStringField("refund_id", Long.toString(n.refundId()));
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
