package io.atta.server.trades;

import io.atta.core.DerivedIds;
import io.atta.core.trade.TradeNames;

/**
 * Trade numbers and refund ids, derived from the caller's own keys so that a retried request
 * names the same trade or refund. A trade number's slot bits (53–62) say which shard holds its
 * order, as a user id's say which holds the user: the shard its out_trade_no's name number names
 * for an order created without a buyer, the buyer's for one created with a buyer
 * ({@link TradeNames}).
 */
public final class TradeIds {
    private TradeIds() {
    }

    /**
     * The name number of a merchant's out_trade_no, the first 63 bits of
     * SHA-256({@code "trade:<merchant_id>:<out_trade_no>"}): the trade number of an order
     * created without a buyer, and where the out_trade_no is claimed for one created with a buyer.
     */
    public static long tradeNo(long merchantId, String outTradeNo) {
        return TradeNames.nameNo(merchantId, outTradeNo);
    }

    /** The trade number of an order created for {@code buyerUserId} (0: for the first buyer who pays). */
    public static long tradeNo(long merchantId, String outTradeNo, long buyerUserId) {
        return TradeNames.placed(TradeNames.nameNo(merchantId, outTradeNo), buyerUserId);
    }

    /** The first 63 bits of SHA-256({@code "refund:<trade_no>:<out_request_no>"}). */
    public static long refundId(long tradeNo, String outRequestNo) {
        return DerivedIds.of("refund:" + tradeNo + ":" + outRequestNo);
    }
}
