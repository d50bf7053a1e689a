package io.atta.server.trades;

import io.atta.core.DerivedIds;

/**
 * Trade numbers and refund ids, derived from the caller's own keys so that a retried request
 * names the same trade or refund. A trade number's slot bits (53–62) say which shard holds its
 * order, as a user id's say which holds the user.
 */
public final class TradeIds {
    private TradeIds() {
    }

    /** The first 63 bits of SHA-256({@code "trade:<merchant_id>:<out_trade_no>"}). */
    public static long tradeNo(long merchantId, String outTradeNo) {
        return DerivedIds.of("trade:" + merchantId + ":" + outTradeNo);
    }

    /** The first 63 bits of SHA-256({@code "refund:<trade_no>:<out_request_no>"}). */
    public static long refundId(long tradeNo, String outRequestNo) {
        return DerivedIds.of("refund:" + tradeNo + ":" + outRequestNo);
    }
}
