package io.atta.core.command;

import io.atta.core.trade.TradeOp;

/**
 * One action on a trade after its payment (or a close of an unpaid one); see {@link TradeOp}
 * for what each takes. {@code actingUserId} is who asks: the buyer or the seller, 0 for the
 * platform (operator), which may do anything. Unused fields are 0 or empty.
 *
 * <p>The record's components are the log's form, where {@code amount}, {@code text1} and
 * {@code text2} mean what the op makes them mean; code reads them through the typed accessors
 * below ({@link #refundAmount()}, {@link #carrier()}…), each of which checks that the op has that
 * field, and builds actions with the factories ({@link #ship}, {@link #closeOrder}…).
 */
public record TradeAction(long tradeNo, TradeOp op, long actingUserId, long refundId, long amount, String text1,
                          String text2) implements Command {
    public TradeAction {
        text1 = text1 == null ? "" : text1;
        text2 = text2 == null ? "" : text2;
    }

    // ---- Factories, one per op that carries more than the trade and who acts ----

    public static TradeAction ship(long tradeNo, long actingUserId, String carrier, String trackingNo) {
        return new TradeAction(tradeNo, TradeOp.ship, actingUserId, 0, 0, carrier, trackingNo);
    }

    public static TradeAction extendConfirm(long tradeNo, long actingUserId, long extensionSeconds) {
        return new TradeAction(tradeNo, TradeOp.extendConfirm, actingUserId, 0, extensionSeconds, "", "");
    }

    /** @param boundBuyerUserId the buyer the caller saw bound to the order when it closed it, or 0 */
    public static TradeAction closeOrder(long tradeNo, long actingUserId, long boundBuyerUserId, String reason) {
        return new TradeAction(tradeNo, TradeOp.closeOrder, actingUserId, 0, boundBuyerUserId, reason, "");
    }

    public static TradeAction closeUnpaid(long tradeNo, long actingUserId, long merchantId, String outTradeNo,
                                          String reason) {
        return new TradeAction(tradeNo, TradeOp.closeUnpaid, actingUserId, 0, merchantId, reason, outTradeNo);
    }

    public static TradeAction requestRefund(long tradeNo, long actingUserId, long refundId, long refundAmount,
                                            String reason, String outRequestNo) {
        return new TradeAction(tradeNo, TradeOp.requestRefund, actingUserId, refundId, refundAmount, reason,
                outRequestNo);
    }

    public static TradeAction refund(long tradeNo, long actingUserId, long refundId, long refundAmount,
                                     String reason, String outRequestNo) {
        return new TradeAction(tradeNo, TradeOp.refund, actingUserId, refundId, refundAmount, reason, outRequestNo);
    }

    public static TradeAction decideDispute(long tradeNo, long refundId, boolean forBuyer, String reason) {
        return new TradeAction(tradeNo, TradeOp.decideDispute, 0, refundId, forBuyer ? 1 : 0, reason, "");
    }

    // ---- Typed reads of the op's fields ----

    /** {@link TradeOp#ship}: the carrier. */
    public String carrier() {
        assert op == TradeOp.ship : op;
        return text1;
    }

    /** {@link TradeOp#ship}: the tracking number. */
    public String trackingNo() {
        assert op == TradeOp.ship : op;
        return text2;
    }

    /** {@link TradeOp#extendConfirm}: how much later the auto-confirm deadline moves (seconds). */
    public long extensionSeconds() {
        assert op == TradeOp.extendConfirm : op;
        return amount;
    }

    /** {@link TradeOp#closeOrder}: the buyer the caller closed the order on, 0 if none was bound. */
    public long boundBuyerUserId() {
        assert op == TradeOp.closeOrder : op;
        return amount;
    }

    /** {@link TradeOp#closeUnpaid}: the trade's merchant (the buyer's shard does not know the trade yet). */
    public long merchantId() {
        assert op == TradeOp.closeUnpaid : op;
        return amount;
    }

    /** {@link TradeOp#closeUnpaid}: the trade's out_trade_no. */
    public String outTradeNo() {
        assert op == TradeOp.closeUnpaid : op;
        return text2;
    }

    /** {@link TradeOp#requestRefund}, {@link TradeOp#refund}: the amount to give back (minor units). */
    public long refundAmount() {
        assert op == TradeOp.requestRefund || op == TradeOp.refund : op;
        return amount;
    }

    /** {@link TradeOp#requestRefund}, {@link TradeOp#refund}: the caller's out_request_no. */
    public String outRequestNo() {
        assert op == TradeOp.requestRefund || op == TradeOp.refund : op;
        return text2;
    }

    /** {@link TradeOp#decideDispute}: true to refund the buyer, false to keep the seller's money. */
    public boolean decidedForBuyer() {
        assert op == TradeOp.decideDispute : op;
        return amount == 1;
    }

    /** The reason the caller gave (closes, refund requests, refusals, disputes and decisions), or "". */
    public String reason() {
        assert op != TradeOp.ship : op;
        return text1;
    }
}
