package io.atta.engine.credit;

/**
 * What a scorecard reads of a user, all from the user's own shard at one applied point.
 *
 * @param ageDays           days since the wallet was opened
 * @param spent             everything the wallet ever paid out (minor units)
 * @param activeMonths      months with a credit purchase among the last 12
 * @param holdings          wallet balance plus fund units and pending units (minor units)
 * @param overdueNow        a statement past due and short of its minimum
 * @param merchants         distinct merchants paid with credit pay (at most {@link Profile#maxMerchants})
 */
public record ScoreInputs(int kyc, int ageDays, long spent, int activeMonths, long holdings, int onTime, int late,
                          int defaults, boolean overdueNow, int merchants, int purchases, int refundedPurchases) {
}
