package io.atta.server.trades;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.engine.trade.OrderView;
import io.atta.engine.trade.RefundView;
import io.atta.engine.trade.TradeEvent;
import io.atta.engine.trade.TradeView;
import io.atta.server.json.ValueText;
import io.atta.server.merchants.FeeRate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A trade as JSON (docs/API.md, Trades): the fields of {@code GET /v1/trades/{trade_no}}. */
final class TradeJson {
    private TradeJson() {
    }

    static void fields(JsonGenerator g, TradeState s) throws IOException {
        OrderView o = s.order();
        TradeView t = s.trade();
        Currency currency = Currency.ofLedger(o.ledger());
        g.writeStringField("trade_no", Long.toString(o.tradeNo()));
        g.writeStringField("out_trade_no", o.outTradeNo());
        g.writeStringField("seller", Long.toString(o.merchantId()));
        if (o.buyerUserId() == 0) {
            g.writeNullField("buyer_user_id");
        } else {
            g.writeStringField("buyer_user_id", Long.toString(o.buyerUserId()));
        }
        g.writeStringField("amount", Amounts.format(o.amount(), currency));
        g.writeStringField("currency", currency.name());
        g.writeStringField("subject", o.subject());
        g.writeStringField("goods_type", o.goodsType().apiName());
        g.writeStringField("kind", o.kind().name());
        g.writeStringField("status", s.status().name());
        g.writeStringField("created_at", ValueText.instant(o.createdAt()));
        g.writeStringField("pay_deadline", ValueText.instant(o.payDeadline()));
        boolean paid = s.paid();
        if (paid) {
            g.writeStringField("paid_at", ValueText.instant(t.paidAt()));
        }
        g.writeStringField("held", Amounts.format(paid ? t.held() : 0, currency));
        g.writeStringField("refunded", Amounts.format(paid ? t.refunded() : 0, currency));
        g.writeStringField("released", Amounts.format(paid ? t.released() : 0, currency));
        g.writeStringField("fee", Amounts.format(paid ? t.fee() : 0, currency));
        g.writeStringField("fee_rate", FeeRate.format(s.feeRatePpm()));
        if (paid && t.confirmAt() != 0) {
            g.writeStringField("confirm_at", ValueText.instant(t.confirmAt()));
        }
        g.writeBooleanField("confirm_paused", paid && t.confirmPausedRemaining() > 0);
        if (paid && t.shippedAt() != 0) {
            g.writeObjectFieldStart("shipment");
            g.writeStringField("carrier", t.carrier());
            g.writeStringField("tracking_no", t.trackingNo());
            g.writeStringField("shipped_at", ValueText.instant(t.shippedAt()));
            g.writeEndObject();
        } else {
            g.writeNullField("shipment");
        }
        if (paid && t.finishedAt() != 0) {
            g.writeStringField("finished_at", ValueText.instant(t.finishedAt()));
        }
        if (s.closedAt() != 0) {
            g.writeStringField("closed_at", ValueText.instant(s.closedAt()));
        }
        g.writeArrayFieldStart("refunds");
        if (paid) {
            for (RefundView r : t.refunds()) {
                refund(g, r, currency);
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("timeline");
        for (TradeEvent e : timeline(s)) {
            g.writeStartObject();
            g.writeStringField("at", ValueText.instant(e.at()));
            g.writeStringField("event", e.type().apiName());
            if (e.amount() != 0) {
                g.writeStringField("amount", Amounts.format(e.amount(), currency));
            }
            if (e.refundId() != 0) {
                g.writeStringField("refund_id", Long.toString(e.refundId()));
            }
            if (!e.note().isEmpty()) {
                g.writeStringField("note", e.note());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void refund(JsonGenerator g, RefundView r, Currency currency) throws IOException {
        g.writeStartObject();
        g.writeStringField("refund_id", Long.toString(r.refundId()));
        g.writeStringField("out_request_no", r.outRequestNo());
        g.writeStringField("amount", Amounts.format(r.amount(), currency));
        g.writeStringField("reason", r.reason());
        g.writeStringField("status", r.status().apiName());
        g.writeStringField("requested_at", ValueText.instant(r.requestedAt()));
        g.writeStringField("answer_by", ValueText.instant(r.answerBy()));
        if (!r.sellerReason().isEmpty()) {
            g.writeStringField("seller_reason", r.sellerReason());
        }
        if (r.resolvedAt() != 0) {
            g.writeStringField("resolved_at", ValueText.instant(r.resolvedAt()));
        }
        g.writeBooleanField("by_timeout", r.byTimeout());
        g.writeEndObject();
    }

    /**
     * The order's events, then the buyer's shard's, by time (a stable sort keeps each record's
     * order). The record of an unpaid close on the buyer's shard repeats the order's own close,
     * so it shows only while the order lacks one.
     */
    static List<TradeEvent> timeline(TradeState s) {
        List<TradeEvent> out = new ArrayList<>(s.order().events());
        if (s.trade() != null && (s.paid() || s.order().closedAt() == 0)) {
            out.addAll(s.trade().events());
        }
        out.sort(Comparator.comparingLong(TradeEvent::at));
        return out;
    }
}
