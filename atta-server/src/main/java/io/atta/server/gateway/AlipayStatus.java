package io.atta.server.gateway;

import io.atta.core.trade.TradeStatus;

/**
 * Trade states as the Alipay protocol names them (docs/ALIPAY.md, "Trade states"): a
 * trade whose money the buyer has paid and may still get back is {@code TRADE_SUCCESS}, whether
 * the platform still holds it (an escrow trade made through the REST API) or the seller does.
 */
final class AlipayStatus {
    private AlipayStatus() {
    }

    static String of(TradeStatus s) {
        return switch (s) {
            case WAIT_BUYER_PAY -> "WAIT_BUYER_PAY";
            case WAIT_SELLER_SEND_GOODS, WAIT_BUYER_CONFIRM_GOODS, TRADE_SUCCESS -> "TRADE_SUCCESS";
            case TRADE_FINISHED -> "TRADE_FINISHED";
            case TRADE_CLOSED -> "TRADE_CLOSED";
        };
    }
}
