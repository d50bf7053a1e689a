package io.atta.engine.wealth;

/**
 * One holder of a fund on this shard (mutable; only the applying thread changes it). Amounts are
 * units in minor units. {@code index} is the holder's position in the fund's day columns.
 */
final class Holder {
    final long userId;
    final int index;
    /** Confirmed units, income included: what may be redeemed. */
    long units;
    /** Subscribed units not yet confirmed. */
    long pendingUnits;
    /** Every day's income so far. */
    long totalIncome;
    /** The income of {@link #incomeDay}. */
    long lastIncome;
    int incomeDay;
    /** Fast redemptions on {@link #fastDay}. */
    long fastRedeemed;
    int fastDay;

    Holder(long userId, int index) {
        this.userId = userId;
        this.index = index;
    }
}
