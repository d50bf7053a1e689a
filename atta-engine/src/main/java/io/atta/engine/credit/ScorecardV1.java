package io.atta.engine.credit;

import java.util.ArrayList;
import java.util.List;

/**
 * The first scorecard (docs/CREDIT.md, "Scorecard v1"): points per attribute band in five
 * dimensions, 600 points in all above the floor of 350. Every band is a table below; the score
 * is their sum, and the reasons are the dimensions furthest below their maximum.
 */
public final class ScorecardV1 implements Scorecard {
    public static final int version = 1;
    static final int maxHistory = 210;
    static final int maxBehaviour = 120;
    static final int maxCapacity = 120;
    static final int maxIdentity = 100;
    static final int maxRelationships = 50;

    /** Statements paid on time: from {@code onTimeFloors[i]} up, {@code onTimePoints[i]}. */
    private static final int[] onTimeFloors = {0, 1, 3, 6, 12};
    private static final int[] onTimePoints = {60, 100, 140, 170, 210};
    static final int pointsPerLate = 40;
    static final int overdueNowPoints = 60;
    /** Lifetime wallet spending (fen): 0, from 1 fen, 1,000, 10,000, 100,000 yuan. */
    private static final long[] spentFloors = {0, 1, 100_000, 1_000_000, 10_000_000};
    private static final int[] spentPoints = {0, 20, 40, 60, 70};
    private static final int[] activeFloors = {0, 1, 3, 6};
    private static final int[] activePoints = {0, 15, 30, 50};
    /** Wallet and fund (fen): below 100 yuan, 100, 1,000, 10,000, 100,000 yuan. */
    private static final long[] holdingFloors = {0, 10_000, 100_000, 1_000_000, 10_000_000};
    private static final int[] holdingPoints = {0, 30, 60, 90, 120};
    private static final int[] kycPoints = {0, 30, 50, 60};
    private static final int[] ageFloors = {0, 30, 180, 365};
    private static final int[] agePoints = {0, 15, 25, 40};
    private static final int[] merchantFloors = {0, 1, 3, 10};
    private static final int[] merchantPoints = {10, 25, 40, 50};
    static final int manyRefundsPoints = 20;

    @Override
    public int version() {
        return version;
    }

    @Override
    public Score score(ScoreInputs in, long ts) {
        int history = in.defaults() > 0 ? 0
                : Math.max(0, band(in.onTime(), onTimeFloors, onTimePoints) - pointsPerLate * in.late()
                        - (in.overdueNow() ? overdueNowPoints : 0));
        int behaviour = band(in.spent(), spentFloors, spentPoints) + band(in.activeMonths(), activeFloors, activePoints);
        int capacity = band(in.holdings(), holdingFloors, holdingPoints);
        int identity = kycPoints[Math.max(0, Math.min(3, in.kyc()))] + band(in.ageDays(), ageFloors, agePoints);
        boolean manyRefunds = manyRefunds(in);
        int relationships = Math.max(0, band(in.merchants(), merchantFloors, merchantPoints)
                - (manyRefunds ? manyRefundsPoints : 0));
        int score = Score.min + history + behaviour + capacity + identity + relationships;
        return new Score(score, version, ts, history, behaviour, capacity, identity, relationships,
                reasons(in, history, behaviour, capacity, identity, relationships, manyRefunds));
    }

    /** At least 3 purchases and more than a third of them refunded. */
    static boolean manyRefunds(ScoreInputs in) {
        return in.purchases() >= 3 && 3L * in.refundedPurchases() > in.purchases();
    }

    /** The dimensions short of their maximum, the largest shortfall first (ties in dimension order), at most four. */
    private static List<ScoreReason> reasons(ScoreInputs in, int history, int behaviour, int capacity, int identity,
                                             int relationships, boolean manyRefunds) {
        int[] shortfall = {maxHistory - history, maxBehaviour - behaviour, maxCapacity - capacity,
                maxIdentity - identity, maxRelationships - relationships};
        ScoreReason[] why = {
                in.defaults() > 0 ? ScoreReason.defaults_on_record : in.overdueNow() ? ScoreReason.overdue_now
                        : in.late() > 0 ? ScoreReason.late_repayments : ScoreReason.short_repayment_history,
                ScoreReason.low_payment_activity,
                ScoreReason.low_balances,
                in.kyc() < 3 ? ScoreReason.identity_not_verified : ScoreReason.new_account,
                manyRefunds ? ScoreReason.many_refunds : ScoreReason.few_counterparties};
        List<ScoreReason> reasons = new ArrayList<>();
        boolean[] taken = new boolean[shortfall.length];
        while (reasons.size() < Score.maxReasons) {
            int best = -1;
            for (int i = 0; i < shortfall.length; i++) {
                if (!taken[i] && shortfall[i] > 0 && (best < 0 || shortfall[i] > shortfall[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            reasons.add(why[best]);
        }
        return reasons;
    }

    private static int band(long value, long[] floors, int[] points) {
        int p = points[0];
        for (int i = 0; i < floors.length; i++) {
            if (value >= floors[i]) {
                p = points[i];
            }
        }
        return p;
    }

    private static int band(int value, int[] floors, int[] points) {
        int p = points[0];
        for (int i = 0; i < floors.length; i++) {
            if (value >= floors[i]) {
                p = points[i];
            }
        }
        return p;
    }
}
