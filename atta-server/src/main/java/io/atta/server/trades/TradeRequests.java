package io.atta.server.trades;

import io.atta.core.Currency;
import io.atta.core.command.Result;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeOp;
import io.atta.server.auth.Caller;
import io.atta.server.gateway.PaymentCodes;
import io.atta.server.http.ApiException;
import io.atta.server.json.Fields;
import io.atta.server.json.PlainText;

import java.util.Set;

/**
 * The fields of trade requests, read the same way for a single call and for an item of a batch
 * (whose errors name the item, {@code items[3].amount}). A caller may act only as itself: a
 * user's key names no other seller or buyer.
 */
final class TradeRequests {
    static final Set<String> createFields = Set.of("out_trade_no", "seller", "buyer_user_id", "amount", "currency",
            "subject", "goods_type", "pay_timeout_seconds");
    /** A create that is also paid, by the buyer {@code auth_code} names (the admin may name {@code buyer_user_id}). */
    static final Set<String> createAndPayFields = Set.of("out_trade_no", "seller", "buyer_user_id", "amount",
            "currency", "subject", "goods_type", "pay_timeout_seconds", "auth_code", "funding_source");
    static final Set<String> payFields = Set.of("buyer_user_id", "funding_source");
    static final Set<String> shipFields = Set.of("carrier", "tracking_no");

    private TradeRequests() {
    }

    static TradeFlow.NewTrade newTrade(Fields f, Caller caller) {
        long seller = f.id("seller");
        if (!caller.mayActFor(seller)) {
            throw ApiException.forbidden("this key may not create trades for seller " + seller, f.path("seller"));
        }
        String outTradeNo = PlainText.key(f.string("out_trade_no"), f.path("out_trade_no"),
                TradeLimits.maxOutTradeNoLength, "maxOutTradeNoLength");
        long buyer = f.optionalId("buyer_user_id");
        Currency currency = f.currency("currency");
        long amount = f.positiveAmount("amount", currency);
        String subject = PlainText.text(f.string("subject"), f.path("subject"), TradeLimits.maxSubjectLength,
                "maxSubjectLength");
        String goodsText = f.string("goods_type");
        GoodsType goods = GoodsType.ofApiName(goodsText);
        if (goods == null || !goods.apiName().equals(goodsText)) {
            throw ApiException.invalidField(f.path("goods_type"), "must be one of physical, surface_mail, virtual, "
                    + "auto_delivery");
        }
        int timeout = f.integer("pay_timeout_seconds", 1, TradeLimits.maxPayTimeoutSeconds,
                TradeLimits.defaultPayTimeoutSeconds, "maxPayTimeoutSeconds");
        return new TradeFlow.NewTrade(TradeIds.tradeNo(seller, outTradeNo), seller, outTradeNo, buyer, amount,
                currency, subject, goods, timeout);
    }

    /**
     * A trade to create and pay at once from its buyer's wallet: the buyer is the one
     * {@code auth_code} names (a payment code the buyer showed, as {@code alipay.trade.pay} takes
     * it), or, for the admin only, {@code buyer_user_id}. A merchant key may debit a buyer only
     * with the buyer's code.
     */
    static TradeFlow.NewTrade paidTrade(Fields f, Caller caller, PaymentCodes codes) {
        TradeFlow.NewTrade t = newTrade(f, caller);
        long buyer = t.buyerUserId();
        if (f.has("auth_code")) {
            long coded = codes.buyerOf(f.string("auth_code"));
            if (coded == 0) {
                throw ApiException.invalidField(f.path("auth_code"), "is not a valid payment code, or it expired: "
                        + "ask the buyer for a fresh one");
            }
            if (buyer != 0 && buyer != coded) {
                throw ApiException.invalidField(f.path("buyer_user_id"), "names another user than auth_code's buyer");
            }
            buyer = coded;
        } else if (!caller.isAdmin()) {
            throw ApiException.forbidden("a merchant key pays a trade only with its buyer's auth_code",
                    f.path("auth_code"));
        } else if (buyer == 0) {
            throw ApiException.missingField(f.path("buyer_user_id"));
        }
        return new TradeFlow.NewTrade(t.nameNo(), t.sellerId(), t.outTradeNo(), buyer, t.amount(), t.currency(),
                t.subject(), t.goodsType(), t.payTimeoutSeconds()).fundedBy(f.funding("funding_source"));
    }

    /** A create-and-pay's outcome: the create's refusal, else the payment's result. */
    static Result paidResult(Result[] createThenPay) {
        Result created = createThenPay[0];
        return created != Result.ok && created != Result.exists ? created : createThenPay[1];
    }

    /** A payment of {@code tradeNo}: a user pays as itself; the admin names the buyer. */
    static TradeFlow.Payment payment(Fields f, Caller caller, long tradeNo) {
        long buyer;
        if (f.has("buyer_user_id")) {
            buyer = f.id("buyer_user_id");
            if (!caller.mayActFor(buyer)) {
                throw ApiException.forbidden("this key may not pay as user " + buyer, f.path("buyer_user_id"));
            }
        } else if (caller.isAdmin()) {
            throw ApiException.missingField(f.path("buyer_user_id"));
        } else {
            buyer = caller.userId();
        }
        return new TradeFlow.Payment(tradeNo, buyer, f.funding("funding_source"));
    }

    static TradeFlow.Action shipment(Fields f, long tradeNo) {
        String carrier = PlainText.text(f.string("carrier"), f.path("carrier"), TradeLimits.maxCarrierLength,
                "maxCarrierLength");
        String trackingNo = PlainText.text(f.string("tracking_no"), f.path("tracking_no"),
                TradeLimits.maxTrackingNoLength, "maxTrackingNoLength");
        return new TradeFlow.Action(tradeNo, TradeOp.ship, 0, 0, carrier, trackingNo);
    }

    static TradeFlow.Action confirmation(long tradeNo) {
        return new TradeFlow.Action(tradeNo, TradeOp.confirm, 0, 0, "", "");
    }

    /** A required reason of 1 to {@code maxReasonLength} characters. */
    static String reason(Fields f, String name) {
        return PlainText.text(f.string(name), f.path(name), TradeLimits.maxReasonLength, "maxReasonLength");
    }

    /** An optional reason; empty when absent. */
    static String optionalReason(Fields f, String name) {
        return f.has(name) ? PlainText.optionalText(f.string(name), f.path(name), TradeLimits.maxReasonLength,
                "maxReasonLength") : "";
    }
}
