package io.atta.cli.report;

import java.util.Set;

/**
 * One merchant's settlement report for one day in one currency (docs/REPORTING.md,
 * "Reconciliation"), in minor units. Both sides compute it by the same definitions, the engine's
 * from its change stream ({@link EngineReport}) and the projection's in SQL ({@link SqlReport}):
 * <ul>
 *   <li>{@code finished}, {@code finishedAmount}: trades that reached their end for the seller that
 *       day ({@code trade.confirmed}, {@code trade.auto_confirmed}, {@code trade.refund_window_ended})
 *       and the sum of their amounts;</li>
 *   <li>{@code refunds}: money given back that day ({@code trade.refunded}, {@code trade.refund_auto_granted});</li>
 *   <li>{@code fees}: fee transfers that day less fee refunds (codes 9103 and 9105 of the merchant's trades);</li>
 *   <li>{@code net}: {@code finishedAmount - refunds - fees};</li>
 *   <li>{@code settled}: settlement sweep legs (code 9003, not voided) into the merchant's settlement
 *       account that day, less those out of it.</li>
 * </ul>
 */
record SettlementFigures(long merchantId, String currency, long finished, long finishedAmount, long refunds,
                         long fees, long settled) {
    static final Set<String> finishingEvents = Set.of("trade.confirmed", "trade.auto_confirmed",
            "trade.refund_window_ended");
    static final Set<String> refundEvents = Set.of("trade.refunded", "trade.refund_auto_granted");

    long net() {
        return finishedAmount - refunds - fees;
    }

    /** The key both sides' rows are matched by. */
    String key() {
        return merchantId + " " + currency;
    }

    SettlementFigures plus(long finished, long finishedAmount, long refunds, long fees, long settled) {
        return new SettlementFigures(merchantId, currency, Math.addExact(this.finished, finished),
                Math.addExact(this.finishedAmount, finishedAmount), Math.addExact(this.refunds, refunds),
                Math.addExact(this.fees, fees), Math.addExact(this.settled, settled));
    }
}
