package io.atta.engine.trade;

import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;

import java.util.List;

/**
 * A trade as its own shard (the one its number names) holds it: the merchant's terms, the buyer
 * once known, and whether it was closed unpaid. Once a buyer is bound, the buyer's shard holds
 * the rest of its life ({@link TradeView}).
 *
 * @param buyerUserId   the buyer, or 0 while any buyer may pay
 * @param payDeadline   when it stops being payable (ns)
 * @param closedAt      when it was closed unpaid, or 0
 * @param appId         the Alipay gateway app that created it, or 0 (REST)
 * @param notifyUrl     where its Alipay notifications go, or "" (then the merchant's webhooks, if wanted)
 * @param returnUrl     where the cashier page sends the buyer after paying, or ""
 */
public record OrderView(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long amount, int ledger,
                        GoodsType goodsType, int payTimeoutSeconds, boolean notifyMerchant, String subject,
                        long createdAt, long payDeadline, long closedAt, List<TradeEvent> events, long appId,
                        String notifyUrl, String returnUrl, TradeKind kind) {
}
