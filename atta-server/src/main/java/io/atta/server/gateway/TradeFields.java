package io.atta.server.gateway;

import io.atta.engine.trade.OrderView;
import io.atta.engine.trade.TradeView;
import io.atta.server.trades.Trades;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of a trade as Alipay's responses show them. */
final class TradeFields {
    private TradeFields() {
    }

    static Map<String, Object> ids(OrderView o) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("trade_no", Long.toString(o.tradeNo()));
        f.put("out_trade_no", o.outTradeNo());
        return f;
    }

    /** What {@code alipay.trade.query} answers, and {@code alipay.trade.pay} once paid. */
    static Map<String, Object> trade(Trades.Snapshot s) {
        OrderView o = s.order();
        TradeView t = s.trade();
        Map<String, Object> f = ids(o);
        if (o.buyerUserId() != 0) {
            f.put("buyer_logon_id", Long.toString(o.buyerUserId()));
            f.put("buyer_user_id", Long.toString(o.buyerUserId()));
            f.put("buyer_open_id", Long.toString(o.buyerUserId()));
        }
        f.put("trade_status", AlipayStatus.of(s.status()));
        f.put("total_amount", GatewayAmount.format(o.amount()));
        boolean paid = s.paid();
        f.put("buyer_pay_amount", GatewayAmount.format(paid ? o.amount() : 0));
        f.put("receipt_amount", GatewayAmount.format(paid ? o.amount() - t.refunded() : 0));
        f.put("invoice_amount", GatewayAmount.format(paid ? o.amount() : 0));
        f.put("point_amount", "0.00");
        f.put("subject", o.subject());
        if (paid) {
            f.put("send_pay_date", GatewayTime.formatEpochNanos(t.paidAt()));
            f.put("gmt_payment", GatewayTime.formatEpochNanos(t.paidAt()));
            f.put("fund_bill_list", fundBills(o.amount()));
        }
        return f;
    }

    static List<Map<String, Object>> fundBills(long amount) {
        Map<String, Object> bill = new LinkedHashMap<>();
        bill.put("fund_channel", FundBills.walletChannel);
        bill.put("amount", GatewayAmount.format(amount));
        return List.of(bill);
    }
}
