package io.atta.core.trade;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/**
 * The actions a {@link io.atta.core.command.TradeAction} command takes on a trade. What each
 * says of {@code amount}, {@code text1} and {@code text2} is the log's form; code reads them through
 * the action's typed accessors ({@code refundAmount()}, {@code carrier()}, {@code reason()}…).
 */
public enum TradeOp implements StableCode {
    /** Seller, paid trade: records the shipment (text1 carrier, text2 tracking number); starts the confirm clock. */
    ship(0),
    /** Buyer, shipped trade: releases the hold to the seller's receivable, net of the fee. */
    confirm(1),
    /** Seller, shipped trade: moves the auto-confirm deadline later by {@code amount} seconds. */
    extendConfirm(2),
    /**
     * On the trade's own shard: closes an unpaid trade (seller or platform). {@code amount} names
     * the buyer the caller closed it on (0 if none): a bound trade is closed on its buyer's shard
     * first ({@link #closeUnpaid}), and one bound since the caller looked is refused.
     */
    closeOrder(3),
    /**
     * On the buyer's shard: records that an unpaid trade was closed, so that it can no longer be
     * paid (text1 reason; the buyer's shard does not know the trade yet, so {@code amount}
     * carries its merchant id and text2 its out_trade_no).
     */
    closeUnpaid(4),
    /** Buyer: asks for {@code amount} back (text1 reason) under refund id {@code refundId}, derived from the caller's text2 out_request_no. */
    requestRefund(5),
    /** Seller: agrees to the refund; the money goes back. */
    agreeRefund(6),
    /** Seller: refuses the refund (text1 reason). */
    rejectRefund(7),
    /** Buyer: withdraws an open refund request. */
    cancelRefund(8),
    /** Buyer: escalates a requested or rejected refund to a dispute (text1 reason). */
    dispute(9),
    /** Operator: decides a dispute for the buyer (amount 1: refund) or the seller (amount 0). */
    decideDispute(10),
    /**
     * Seller: refunds {@code amount} at once, without a request (the Alipay gateway's
     * {@code alipay.trade.refund}): text1 reason, text2 out_request_no, {@code refundId} derived
     * from it. From the hold before release, from the receivable after (fee given back in
     * proportion). A repeat of a refund id is {@code exists} and moves nothing. Refused on an
     * instant trade whose refund window has ended and while a buyer's request is open.
     */
    refund(11);

    private static final CodeTable<TradeOp> byCode = new CodeTable<>(values());

    private final int code;

    TradeOp(int code) {
        this.code = code;
    }

    /** The stable code logs and snapshots hold: see {@link StableCode}. */
    @Override
    public int code() {
        return code;
    }

    public static TradeOp ofCode(int code) {
        return byCode.of(code);
    }
}
