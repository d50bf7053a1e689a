package io.atta.server.gateway;

import io.atta.core.trade.TradeLimits;
import io.atta.server.json.ValueText;
import io.atta.server.trades.TradeIds;

/**
 * Which trade a request names: {@code trade_no} wins over {@code out_trade_no} when both are
 * given (docs/ALIPAY.md), and the trade must be the app's merchant's.
 */
record TradeRef(long tradeNo, String outTradeNo) {

    static TradeRef of(GatewayCall call) {
        BizFields biz = call.biz();
        if (biz.has("trade_no")) {
            String text = biz.text("trade_no", 19, "a trade number");
            long tradeNo = ValueText.decimalId(text);
            if (tradeNo <= 0) {
                throw new BizFields.Invalid("biz_content.trade_no must be a trade number such as \"4611686018427387905\"");
            }
            return new TradeRef(tradeNo, "");
        }
        if (!biz.has("out_trade_no")) {
            throw new BizFields.Invalid("give biz_content.trade_no or biz_content.out_trade_no");
        }
        String out = biz.text("out_trade_no", TradeLimits.maxOutTradeNoLength, "maxOutTradeNoLength");
        return new TradeRef(TradeIds.tradeNo(call.merchantId(), out), out);
    }
}
