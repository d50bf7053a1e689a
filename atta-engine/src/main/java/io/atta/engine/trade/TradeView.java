package io.atta.engine.trade;

import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeStatus;

import java.util.List;

/**
 * A trade as the buyer's shard holds it from payment on (or the record that it was closed
 * unpaid, with {@code paidAt} 0).
 *
 * @param held          the amount held in escrow now
 * @param refunded      the amount given back so far
 * @param released      the amount released to the seller's receivable, fee included
 * @param fee           the platform fee taken at release
 * @param confirmAt     when the trade confirms itself, or 0 (not shipped, or the clock is paused)
 * @param confirmPausedRemaining while a refund pauses the clock, how much of it is left (ns); else 0
 * @param refundWindowEndsAt     when an instant trade's refund window ends (ns), or 0 for escrow;
 *                               kept after a full refund closed it early
 * @param appId                  the order's Alipay gateway app, or 0
 * @param notifyUrl              where its Alipay notifications go, or ""
 * @param createdAt              when its order was created (ns), or 0 on the record of an unpaid close
 */
public record TradeView(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long buyerWalletId,
                        long amount, int ledger, GoodsType goodsType, int feeRatePpm, TradeStatus status,
                        long paidAt, long held, long refunded, long released, long fee, long confirmAt,
                        long confirmPausedRemaining, long extendedSeconds, String carrier, String trackingNo,
                        long shippedAt, long finishedAt, long closedAt, List<RefundView> refunds,
                        List<TradeEvent> events, TradeKind kind, long refundWindowEndsAt, long appId,
                        String notifyUrl, String subject, long createdAt) {
}
