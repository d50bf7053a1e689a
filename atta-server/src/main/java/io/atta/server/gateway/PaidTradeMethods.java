package io.atta.server.gateway;

import io.atta.core.command.Result;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.trade.RefundView;
import io.atta.server.trades.Trades;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The methods on a trade that exists: {@code query}, {@code refund},
 * {@code fastpay.refund.query}, {@code close} and {@code cancel}. A trade of another merchant
 * reads as absent ({@code ACQ.TRADE_NOT_EXIST}).
 */
final class PaidTradeMethods {
    /** Where {@code alipay.trade.cancel} refunds from: the refund it makes is named by this. */
    static final String cancelRequestNo = "cancel";

    private final Trades trades;

    PaidTradeMethods(Trades trades) {
        this.trades = trades;
    }

    /** {@code alipay.trade.query}. */
    CompletableFuture<MethodReply> query(GatewayCall call) {
        return withTrade(call, s -> CompletableFuture.completedFuture(MethodReply.ok(TradeFields.trade(s))));
    }

    /**
     * {@code alipay.trade.refund}: {@code out_request_no} names the refund (a repeat moves nothing
     * and answers {@code fund_change=N}); without it the refund must be of the whole amount.
     */
    CompletableFuture<MethodReply> refund(GatewayCall call) {
        BizFields biz = call.biz();
        long amount = biz.amount("refund_amount");
        String given = biz.optionalText("out_request_no", TradeLimits.maxOutTradeNoLength, "maxOutTradeNoLength");
        String reason = biz.optionalText("refund_reason", TradeLimits.maxReasonLength, "maxReasonLength");
        return withTrade(call, s -> {
            if (given.isEmpty() && amount != s.order().amount()) {
                return done(MethodReply.refused(GatewayError.Fault.REFUND_AMT_NOT_EQUAL_TOTAL, "a partial refund needs "
                        + "out_request_no; without it refund_amount must be the whole total_amount "
                        + GatewayAmount.format(s.order().amount())));
            }
            String outRequestNo = given.isEmpty() ? s.order().outTradeNo() : given;
            return refunded(call, s, outRequestNo, amount, reason);
        });
    }

    private CompletableFuture<MethodReply> refunded(GatewayCall call, Trades.Snapshot s, String outRequestNo,
                                                    long amount, String reason) {
        long tradeNo = s.order().tradeNo();
        return trades.refund(call.merchantId(), tradeNo, outRequestNo, amount, reason).thenCompose(r -> {
            if (r != Result.ok && r != Result.exists) {
                return done(refundRefused(r).with("trade_no", Long.toString(tradeNo))
                        .with("out_trade_no", s.order().outTradeNo()));
            }
            return trades.read(call.merchantId(), tradeNo).thenApply(after -> {
                Map<String, Object> f = TradeFields.ids(after.order());
                f.put("buyer_logon_id", Long.toString(after.order().buyerUserId()));
                f.put("buyer_user_id", Long.toString(after.order().buyerUserId()));
                f.put("fund_change", r == Result.ok ? "Y" : "N");
                f.put("refund_fee", GatewayAmount.format(after.trade().refunded()));
                RefundView refund = refund(after, outRequestNo);
                if (refund != null) {
                    f.put("gmt_refund_pay", GatewayTime.formatEpochNanos(refund.resolvedAt()));
                    f.put("send_back_fee", GatewayAmount.format(refund.amount()));
                }
                return MethodReply.ok(f);
            });
        });
    }

    /** {@code alipay.trade.fastpay.refund.query}: {@code out_request_no} defaults to {@code out_trade_no}. */
    CompletableFuture<MethodReply> refundQuery(GatewayCall call) {
        String given = call.biz().optionalText("out_request_no", TradeLimits.maxOutTradeNoLength,
                "maxOutTradeNoLength");
        return withTrade(call, s -> {
            String outRequestNo = given.isEmpty() ? s.order().outTradeNo() : given;
            Map<String, Object> f = TradeFields.ids(s.order());
            RefundView refund = refund(s, outRequestNo);
            if (refund != null) {
                f.put("out_request_no", outRequestNo);
                f.put("total_amount", GatewayAmount.format(s.order().amount()));
                f.put("refund_amount", GatewayAmount.format(refund.amount()));
                f.put("refund_status", "REFUND_SUCCESS");
                f.put("gmt_refund_pay", GatewayTime.formatEpochNanos(refund.resolvedAt()));
                if (refund.reason() != null && !refund.reason().isEmpty()) {
                    f.put("refund_reason", refund.reason());
                }
            }
            return done(MethodReply.ok(f));
        });
    }

    /** {@code alipay.trade.close}: only an unpaid trade. */
    CompletableFuture<MethodReply> close(GatewayCall call) {
        return withTrade(call, s -> {
            if (s.status() != TradeStatus.WAIT_BUYER_PAY) {
                return done(statusError(s, "only a trade waiting for payment can be closed"));
            }
            return trades.close(call.merchantId(), s.order().tradeNo(), "closed by the merchant")
                    .thenApply(r -> r == Result.ok || r == Result.exists ? MethodReply.ok(TradeFields.ids(s.order()))
                            : statusError(s, "the trade could not be closed: " + r.apiName()));
        });
    }

    /** {@code alipay.trade.cancel}: closes an unpaid trade, refunds the rest of a paid one. */
    CompletableFuture<MethodReply> cancel(GatewayCall call) {
        return withTrade(call, s -> {
            TradeStatus status = s.status();
            if (status == TradeStatus.TRADE_CLOSED) {
                return done(cancelled(s, "close"));
            }
            if (status == TradeStatus.WAIT_BUYER_PAY) {
                return trades.close(call.merchantId(), s.order().tradeNo(), "cancelled by the merchant")
                        .thenApply(r -> r == Result.ok || r == Result.exists ? cancelled(s, "close")
                                : statusError(s, "the trade could not be cancelled: " + r.apiName()));
            }
            if (status == TradeStatus.TRADE_FINISHED) {
                return done(statusError(s, "the trade is finished: its refund window has ended"));
            }
            long rest = s.order().amount() - s.trade().refunded();
            return trades.refund(call.merchantId(), s.order().tradeNo(), cancelRequestNo, rest, "cancelled")
                    .thenApply(r -> r == Result.ok || r == Result.exists ? cancelled(s, "refund")
                            : statusError(s, "the trade could not be cancelled: " + r.apiName()));
        });
    }

    private static MethodReply cancelled(Trades.Snapshot s, String action) {
        Map<String, Object> f = TradeFields.ids(s.order());
        f.put("retry_flag", "N");
        f.put("action", action);
        return MethodReply.ok(f);
    }

    private CompletableFuture<MethodReply> withTrade(GatewayCall call,
                                                     Function<Trades.Snapshot, CompletableFuture<MethodReply>> then) {
        TradeRef ref = TradeRef.of(call);
        // An out_trade_no is found through its name, wherever its trade was placed.
        CompletableFuture<Trades.Snapshot> read = ref.outTradeNo().isEmpty()
                ? trades.read(call.merchantId(), ref.tradeNo()) : trades.find(call.merchantId(), ref.outTradeNo());
        return read.thenCompose(s -> {
            if (s == null) {
                MethodReply absent = MethodReply.refused(GatewayError.Fault.TRADE_NOT_EXIST, "no trade of this merchant has "
                        + (ref.outTradeNo().isEmpty() ? "trade_no " + ref.tradeNo() : "out_trade_no "
                        + ref.outTradeNo()));
                return done(ref.outTradeNo().isEmpty() ? absent.with("trade_no", Long.toString(ref.tradeNo()))
                        : absent.with("out_trade_no", ref.outTradeNo()));
            }
            return then.apply(s);
        });
    }

    private static RefundView refund(Trades.Snapshot s, String outRequestNo) {
        if (s.trade() == null) {
            return null;
        }
        for (RefundView r : s.trade().refunds()) {
            if (r.outRequestNo().equals(outRequestNo) && r.status() == RefundStatus.refunded) {
                return r;
            }
        }
        return null;
    }

    private static MethodReply statusError(Trades.Snapshot s, String why) {
        return MethodReply.refused(GatewayError.Fault.TRADE_STATUS_ERROR, why + " (trade_status "
                + AlipayStatus.of(s.status()) + ")").with("trade_no", Long.toString(s.order().tradeNo()))
                .with("out_trade_no", s.order().outTradeNo());
    }

    private static MethodReply refundRefused(Result r) {
        if (r == Result.refund_exceeds_remaining) {
            return MethodReply.refused(GatewayError.Fault.REASON_TRADE_REFUND_FEE_ERR,
                    "refund_amount is more than what is left to refund of the trade");
        }
        if (r == Result.trade_not_found) {
            return MethodReply.refused(GatewayError.Fault.TRADE_NOT_EXIST, "no such trade");
        }
        if (r == Result.refund_window_ended) {
            return MethodReply.refused(GatewayError.Fault.TRADE_STATUS_ERROR,
                    "the trade's refund window has ended (trade_status TRADE_FINISHED)");
        }
        if (r == Result.refund_in_progress) {
            return MethodReply.refused(GatewayError.Fault.TRADE_STATUS_ERROR,
                    "the buyer's refund request of this trade is open: answer it first");
        }
        if (r == Result.too_many_refunds) {
            return MethodReply.refused(GatewayError.Fault.TRADE_STATUS_ERROR,
                    "the trade has " + TradeLimits.maxRefundsPerTrade + " refunds already (maxRefundsPerTrade)");
        }
        return MethodReply.refused(GatewayError.Fault.TRADE_STATUS_ERROR, "the trade cannot be refunded now: "
                + r.apiName());
    }

    private static CompletableFuture<MethodReply> done(MethodReply r) {
        return CompletableFuture.completedFuture(r);
    }
}
