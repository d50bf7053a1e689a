package io.atta.server.changes;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.trade.TradeChange;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.util.Map;

/**
 * How the change stream shows a module's changed record ({@code RecordArchive.changed}): one
 * renderer per record kind, writing the change's {@code type} and its fields. A product whose
 * module streams its records adds its kind here (docs/REPORTING.md, "A product's changes"); a kind
 * without a renderer is shown as {@code "type":"record"} with its bytes in base64.
 */
@FunctionalInterface
interface RecordChangeJson {
    /** Writes {@code "type"} and the record's fields into the change object being written. */
    void write(JsonGenerator g, long id, byte[] bytes) throws IOException;

    /** The renderers of the modules that stream records, by kind. */
    static Map<Byte, RecordChangeJson> standard() {
        return Map.of(TradeChange.kind, RecordChangeJson::trade);
    }

    /** A trade's timeline entry and the trade after it. */
    private static void trade(JsonGenerator g, long id, byte[] bytes) throws IOException {
        TradeChange t = TradeChange.decode(bytes);
        Currency c = Currency.ofLedger(t.ledger());
        g.writeStringField("type", "trade");
        g.writeObjectFieldStart("trade");
        g.writeStringField("trade_no", Long.toString(t.tradeNo()));
        g.writeStringField("merchant_id", Long.toString(t.merchantId()));
        g.writeStringField("out_trade_no", t.outTradeNo());
        g.writeStringField("buyer_user_id", Long.toString(t.buyerUserId()));
        g.writeStringField("amount", Amounts.format(t.amount(), c));
        g.writeStringField("currency", c.name());
        g.writeStringField("status", t.status().name());
        g.writeStringField("event", t.event().apiName());
        g.writeStringField("refund_id", Long.toString(t.refundId()));
        g.writeStringField("event_amount", Amounts.format(t.eventAmount(), c));
        g.writeStringField("refunded", Amounts.format(t.refunded(), c));
        g.writeStringField("fee", Amounts.format(t.fee(), c));
        g.writeStringField("fee_refunded", Amounts.format(t.feeRefunded(), c));
        g.writeStringField("released", Amounts.format(t.released(), c));
        g.writeStringField("settlement_account_id", Long.toString(t.settlementAccountId()));
        g.writeStringField("timestamp", Long.toString(t.at()));
        g.writeStringField("at", ValueText.instant(t.at()));
        g.writeEndObject();
    }
}
