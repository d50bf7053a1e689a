package io.atta.engine.trade;

import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * A trade on its buyer's shard, from payment on, as {@link TradeBook} holds it (see
 * {@link TradeView}). Its money: {@code held} is the open pending transfer {@code holdId} from
 * the buyer's wallet to the shard's escrow account; after release the seller's receivable holds
 * {@code released - fee} and the fee account {@code fee}.
 */
final class Trade {
    final long tradeNo;
    final long merchantId;
    final String outTradeNo;
    final long buyerUserId;
    final long buyerWalletId;
    final long amount;
    final int ledger;
    final GoodsType goodsType;
    final int feeRatePpm;
    final long settlementAccountId;
    final boolean notifyMerchant;
    final TradeKind kind;
    final long appId;
    final String notifyUrl;
    final String subject;
    /** When its order was created (ns), for the gateway's notifications. */
    final long createdAt;
    TradeStatus status;
    long paidAt;
    long holdId;
    long held;
    /** How many transfers this trade has made: the next one's id is derived from it. */
    int transfers;
    long refunded;
    /** The part of {@code refunded} given back from the hold, before release. */
    long refundedBeforeRelease;
    long released;
    long fee;
    long feeRefunded;
    long confirmAt;
    long confirmPausedRemaining;
    long extendedSeconds;
    String carrier = "";
    String trackingNo = "";
    long shippedAt;
    long finishedAt;
    long closedAt;
    /** When an instant trade's refund window ends (ns), or 0 (escrow, or unpaid). */
    long refundWindowEndsAt;
    final ArrayList<Refund> refunds = new ArrayList<>(0);
    final ArrayList<TradeEvent> events = new ArrayList<>(4);
    /** Its bytes in the archive when a command brought it back from there, else null (never archived). */
    byte[] archivedBytes;

    Trade(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long buyerWalletId, long amount,
          int ledger, GoodsType goodsType, int feeRatePpm, long settlementAccountId, boolean notifyMerchant,
          TradeStatus status, TradeKind kind, long appId, String notifyUrl, String subject, long createdAt) {
        this.tradeNo = tradeNo;
        this.merchantId = merchantId;
        this.outTradeNo = outTradeNo;
        this.buyerUserId = buyerUserId;
        this.buyerWalletId = buyerWalletId;
        this.amount = amount;
        this.ledger = ledger;
        this.goodsType = goodsType;
        this.feeRatePpm = feeRatePpm;
        this.settlementAccountId = settlementAccountId;
        this.notifyMerchant = notifyMerchant;
        this.status = status;
        this.kind = kind;
        this.appId = appId;
        this.notifyUrl = notifyUrl;
        this.subject = subject;
        this.createdAt = createdAt;
    }

    /** True when its notifications are the Alipay gateway's, not the merchant's webhooks. */
    boolean notifiesGateway() {
        return !notifyUrl.isEmpty();
    }

    /** The open refund request (requested or disputed), or null. */
    Refund openRefund() {
        for (Refund r : refunds) {
            if (r.status.open()) {
                return r;
            }
        }
        return null;
    }

    Refund refund(long refundId) {
        for (Refund r : refunds) {
            if (r.refundId == refundId) {
                return r;
            }
        }
        return null;
    }

    /** What may still be asked back: paid, less refunded, less what an open request asks. */
    long refundable() {
        return amount - refunded;
    }

    TradeView view() {
        List<RefundView> rs = new ArrayList<>(refunds.size());
        for (Refund r : refunds) {
            rs.add(r.view());
        }
        return new TradeView(tradeNo, merchantId, outTradeNo, buyerUserId, buyerWalletId, amount, ledger, goodsType,
                feeRatePpm, status, paidAt, held, refunded, released, fee, confirmAt, confirmPausedRemaining,
                extendedSeconds, carrier, trackingNo, shippedAt, finishedAt, closedAt, List.copyOf(rs),
                List.copyOf(events), kind, refundWindowEndsAt, appId, notifyUrl, subject, createdAt);
    }
}
