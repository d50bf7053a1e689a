package io.atta.core.trade;

import io.atta.core.DerivedIds;
import io.atta.core.Ids;

/**
 * Where a trade lives (docs/TRADES.md, "Placement"). A merchant's out_trade_no has a <em>name
 * number</em>, derived so that a retried request names the same trade; its slot bits (53–62)
 * name the shard that keeps the merchant's out_trade_no unique. An order created without a buyer
 * has the name number as its trade number and lives on that shard. An order whose buyer is known
 * at creation is <em>placed</em> on the buyer's shard: its trade number is the name number with
 * the buyer's slot, and the name's shard keeps a claim of the name for it.
 */
public final class TradeNames {
    private TradeNames() {
    }

    /** The first 63 bits of SHA-256({@code "trade:<merchant_id>:<out_trade_no>"}). */
    public static long nameNo(long merchantId, String outTradeNo) {
        return DerivedIds.of("trade:" + merchantId + ":" + outTradeNo);
    }

    /** The trade number of the order {@code nameNo} names: placed on the buyer's slot, or the name number itself when there is no buyer (0). */
    public static long placed(long nameNo, long buyerUserId) {
        return buyerUserId == 0 ? nameNo : Ids.compose(Ids.slotOf(buyerUserId), Ids.localOf(nameNo));
    }
}
