package io.atta.server.gateway;

import io.atta.core.Funding;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;
import io.atta.server.json.ValueText;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.trades.Trades;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The methods that open a trade: {@code alipay.trade.precreate} (a QR code any buyer may pay),
 * {@code alipay.trade.create} (for a named buyer), {@code alipay.trade.pay} (a buyer's payment
 * code, paid at once) and the page methods (paid on the cashier page). Every gateway trade is
 * {@link TradeKind#instant}. A repeat of an unpaid order is answered as the first was; a repeat
 * of a paid or closed one says so ({@code ACQ.TRADE_HAS_SUCCESS}, {@code ACQ.TRADE_HAS_CLOSE}).
 */
final class OrderMethods {
    private final Trades trades;
    private final MerchantDirectory merchants;
    private final PaymentCodes codes;
    private final LongFunction<String> cashierUrl;

    /** @param cashierUrl the cashier page of a trade number */
    OrderMethods(Trades trades, MerchantDirectory merchants, PaymentCodes codes, LongFunction<String> cashierUrl) {
        this.trades = trades;
        this.merchants = merchants;
        this.codes = codes;
        this.cashierUrl = cashierUrl;
    }

    /** {@code alipay.trade.precreate} → {@code out_trade_no, qr_code}. */
    CompletableFuture<MethodReply> precreate(GatewayCall call) {
        return open(call, 0, s -> {
            Map<String, Object> f = new java.util.LinkedHashMap<>();
            f.put("out_trade_no", s.order().outTradeNo());
            f.put("qr_code", cashierUrl.apply(s.order().tradeNo()));
            return CompletableFuture.completedFuture(MethodReply.ok(f));
        });
    }

    /** {@code alipay.trade.create} → {@code trade_no, out_trade_no}; the buyer is {@code buyer_id}. */
    CompletableFuture<MethodReply> create(GatewayCall call) {
        BizFields biz = call.biz();
        String field = biz.has("buyer_id") ? "buyer_id" : "buyer_open_id";
        long buyer = 0;
        if (biz.has(field)) {
            buyer = ValueText.decimalId(biz.text(field, 19, "a user id"));
            if (buyer <= 0) {
                throw new BizFields.Invalid("biz_content." + field + " must be an Atta user id such as \"42\"");
            }
        }
        return open(call, buyer, s -> CompletableFuture.completedFuture(MethodReply.ok(TradeFields.ids(s.order()))));
    }

    /** {@code alipay.trade.pay}: the buyer named by {@code auth_code} pays at once. */
    CompletableFuture<MethodReply> pay(GatewayCall call) {
        BizFields biz = call.biz();
        String scene = biz.has("scene") ? biz.text("scene", 32, "a scene") : "bar_code";
        if (!scene.equals("bar_code") && !scene.equals("wave_code")) {
            throw new BizFields.Invalid("biz_content.scene must be bar_code or wave_code");
        }
        String authCode = biz.text("auth_code", 64, "a payment code");
        Funding funding = PayChannels.funding(biz);
        long buyer = codes.buyerOf(authCode);
        if (buyer == 0) {
            return CompletableFuture.completedFuture(MethodReply.refused(GatewayError.Fault.PAYMENT_AUTH_CODE_INVALID,
                    "auth_code is not a valid payment code, or it expired: ask the buyer to refresh it"));
        }
        Function<Trades.Snapshot, CompletableFuture<MethodReply>> payIt = s -> trades.pay(s.order().tradeNo(), buyer, funding)
                .thenCompose(r -> {
                    if (r == Result.ok) {
                        return paidReply(call, s.order().tradeNo());
                    }
                    if (r == Result.exists) {
                        return CompletableFuture.completedFuture(hasSucceeded(s));
                    }
                    return CompletableFuture.completedFuture(paymentRefused(r).with("out_trade_no",
                            s.order().outTradeNo()));
                });
        return order(call, buyer).thenCompose(o -> {
            // The order is placed on its buyer's shard: one log entry opens and pays it. Anything
            // but a payment made now (a repeat, a refusal) is answered as the two steps answer it.
            return trades.openAndPay(o, funding).thenCompose(rs -> {
                boolean opened = rs[0] == Result.ok || rs[0] == Result.exists;
                return opened && rs[1] == Result.ok ? paidReply(call, o.tradeNo()) : open(call, o, payIt);
            });
        });
    }

    private CompletableFuture<MethodReply> paidReply(GatewayCall call, long tradeNo) {
        return trades.read(call.merchantId(), tradeNo).thenApply(paid -> MethodReply.ok(TradeFields.trade(paid)));
    }

    /** The page methods: opens the order, answered by its cashier page. */
    CompletableFuture<MethodReply> page(GatewayCall call) {
        return open(call, 0, s -> {
            Map<String, Object> f = TradeFields.ids(s.order());
            f.put("cashier_url", cashierUrl.apply(s.order().tradeNo()));
            return CompletableFuture.completedFuture(MethodReply.ok(f));
        });
    }

    /**
     * Opens the order of {@code call} for {@code buyer} (0: any) and continues with it, unless it
     * exists already paid or closed, or with other terms.
     */
    private CompletableFuture<MethodReply> open(GatewayCall call, long buyer,
                                                Function<Trades.Snapshot, CompletableFuture<MethodReply>> then) {
        return order(call, buyer).thenCompose(o -> open(call, o, then));
    }

    /** The order {@code call} asks for, for {@code buyer} (0: any), in its merchant's currency. */
    private CompletableFuture<Trades.Order> order(GatewayCall call, long buyer) {
        BizFields biz = call.biz();
        String outTradeNo = biz.text("out_trade_no", TradeLimits.maxOutTradeNoLength, "maxOutTradeNoLength");
        long amount = biz.amount("total_amount");
        String subject = biz.text("subject", TradeLimits.maxSubjectLength, "maxSubjectLength");
        int timeout = TimeoutExpress.seconds(biz);
        return merchants.merchant(call.merchantId()).thenApply(m -> new Trades.Order(call.merchantId(), outTradeNo,
                buyer, amount, m.currency(), subject, timeout, TradeKind.instant, call.app().appId(),
                call.notifyUrl(), call.returnUrl()));
    }

    private CompletableFuture<MethodReply> open(GatewayCall call, Trades.Order o,
                                                Function<Trades.Snapshot, CompletableFuture<MethodReply>> then) {
        String outTradeNo = o.outTradeNo();
        long buyer = o.buyerUserId();
        return trades.open(o).thenCompose(r -> {
            // A paid or closed trade says so even when the repeat's terms differ (another
            // buyer's code for a paid order): its state is what the merchant must act on.
            if (r != Result.ok && r != Result.exists && r != Result.exists_with_different_fields) {
                return CompletableFuture.completedFuture(openRefused(r, buyer).with("out_trade_no", outTradeNo));
            }
            // Other terms may be another trade's under this out_trade_no (another buyer's): read
            // the one that holds the name.
            CompletableFuture<Trades.Snapshot> read = r == Result.exists_with_different_fields
                    ? trades.find(call.merchantId(), outTradeNo) : trades.read(call.merchantId(), o.tradeNo());
            return read.thenCompose(s -> {
                if (s == null) {
                    throw new IllegalStateException("trade " + o.tradeNo() + " was opened but reads as absent");
                }
                if (s.paid() && s.status() != TradeStatus.TRADE_CLOSED) {
                    return CompletableFuture.completedFuture(hasSucceeded(s));
                }
                if (s.status() == TradeStatus.TRADE_CLOSED) {
                    return CompletableFuture.completedFuture(MethodReply.refused(GatewayError.Fault.TRADE_HAS_CLOSE,
                            "the trade of this out_trade_no is closed").with("out_trade_no", outTradeNo));
                }
                if (r == Result.exists_with_different_fields) {
                    return CompletableFuture.completedFuture(openRefused(r, buyer).with("out_trade_no", outTradeNo));
                }
                return then.apply(s);
            });
        });
    }

    private static MethodReply hasSucceeded(Trades.Snapshot s) {
        return MethodReply.refused(GatewayError.Fault.TRADE_HAS_SUCCESS, "the trade of this out_trade_no is already paid")
                .with("trade_no", Long.toString(s.order().tradeNo())).with("out_trade_no", s.order().outTradeNo());
    }

    private static MethodReply openRefused(Result r, long buyer) {
        if (r == Result.exists_with_different_fields) {
            return MethodReply.refused(GatewayError.Fault.CONTEXT_INCONSISTENT,
                    "out_trade_no already names a trade with other terms (amount, subject, buyer or URLs)");
        }
        if (r == Result.user_not_found) {
            return MethodReply.refused(GatewayError.Fault.BIZ_INVALID_PARAMETER, "buyer_id " + buyer + " names no user");
        }
        if (r == Result.currency_mismatch) {
            return MethodReply.refused(GatewayError.Fault.BIZ_INVALID_PARAMETER,
                    "the buyer's wallet is in another currency than the merchant's");
        }
        return MethodReply.refused(GatewayError.Fault.SYSTEM_ERROR, "the trade could not be opened: " + r.apiName());
    }

    private static MethodReply paymentRefused(Result r) {
        if (r == Result.insufficient_funds) {
            return MethodReply.refused(GatewayError.Fault.BUYER_BALANCE_NOT_ENOUGH,
                    "the buyer's balance is not enough for this payment");
        }
        if (r == Result.trade_closed || r == Result.trade_pay_timed_out) {
            return MethodReply.refused(GatewayError.Fault.TRADE_HAS_CLOSE, "the trade is closed: it timed out or was closed");
        }
        if (r == Result.trade_buyer_mismatch) {
            return MethodReply.refused(GatewayError.Fault.TRADE_BUYER_NOT_MATCH, "the trade belongs to another buyer");
        }
        if (r == Result.currency_mismatch) {
            return MethodReply.refused(GatewayError.Fault.PAYMENT_FAIL,
                    "the buyer's wallet is in another currency than the trade");
        }
        if (r == Result.account_closed || r == Result.user_not_found) {
            return MethodReply.refused(GatewayError.Fault.PAYMENT_FAIL, "the buyer's wallet cannot pay: " + r.apiName());
        }
        return MethodReply.refused(GatewayError.Fault.PAYMENT_FAIL, "the payment was refused: " + r.apiName());
    }
}
