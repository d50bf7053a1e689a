package io.atta.core.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Credit pay's exact rules (specs: "Credit pay (Huabei)"; docs/CREDIT.md): the limit table,
 * the statement cycle, the minimum repayment, installment fees and schedules and the daily
 * overdue charge. Integer arithmetic throughout; {@code round} is half-up, as the spec's
 * {@code round} of a non-negative amount.
 */
public final class CreditTerms {
    /** The lowest score that opens a line. */
    public static final int minScoreForLine = 600;
    /** Statement days 1..20, so the due day (8 days later) is in the same month in every month. */
    public static final int maxStatementDay = 20;
    /** The default statement day of a line. */
    public static final int defaultStatementDay = 1;
    /** Days from the statement to its due date: statement on the 1st, due on the 9th. */
    public static final int dueAfterDays = 8;
    /** The minimum repayment, per mille of the statement: 10%. */
    public static final int minimumPerMille = 100;
    /** The daily overdue charge, per 10,000 of the overdue amount: 0.05%. */
    public static final int overduePer10k = 5;
    /** Days after the due date when a statement still short of its minimum is a default. */
    public static final int defaultAfterDays = 30;
    /** Installment months and their total fees, per 10,000 of the principal: 2.5%, 4.5%, 6.5%, 8.8%. */
    private static final int[] months = {3, 6, 9, 12};
    private static final int[] feePer10k = {250, 450, 650, 880};
    /** Scores from {@code limitFloors[i]} up have the limit {@code limitsMinor[i]} (minor units). */
    private static final int[] limitFloors = {600, 650, 700, 750, 800};
    private static final long[] limitsMinor = {200_000, 500_000, 1_000_000, 2_000_000, 5_000_000};

    private CreditTerms() {
    }

    /** The credit limit (minor units) for a score: 0 below {@link #minScoreForLine}. */
    public static long limitFor(int score) {
        long limit = 0;
        for (int i = 0; i < limitFloors.length; i++) {
            if (score >= limitFloors[i]) {
                limit = limitsMinor[i];
            }
        }
        return limit;
    }

    /** True for 3, 6, 9 and 12. */
    public static boolean installmentMonths(int n) {
        return feeRateIndex(n) >= 0;
    }

    /** The total fee of an installment plan: {@code round(P × rate)}. */
    public static long installmentFee(long principal, int n) {
        int i = feeRateIndex(n);
        if (i < 0 || principal < 0) {
            throw new IllegalArgumentException("no installment plan of " + n + " months for " + principal);
        }
        return roundHalfUp(principal, feePer10k[i], 10_000);
    }

    /** Month {@code k} (1..n) of a plan: principal {@code floor(P / n)}, the last month the rest. */
    public static long installmentPrincipal(long principal, int n, int k) {
        long each = principal / n;
        return k < n ? each : principal - each * (n - 1);
    }

    /** Month {@code k} (1..n) of a plan: fee {@code floor(fee / n)}, the last month the rest. */
    public static long installmentFeePart(long fee, int n, int k) {
        long each = fee / n;
        return k < n ? each : fee - each * (n - 1);
    }

    /** The minimum repayment of a statement: {@code round(S × 10%)}. */
    public static long minimum(long statement) {
        return roundHalfUp(statement, minimumPerMille, 1_000);
    }

    /** A day's overdue charge: {@code round(overdue × 0.0005)}. */
    public static long overdueCharge(long overdue) {
        return roundHalfUp(overdue, overduePer10k, 10_000);
    }

    /** {@code round(a × num / den)} half-up for a non-negative {@code a}, exact for any long. */
    static long roundHalfUp(long a, int num, int den) {
        return BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(num))
                .divide(BigDecimal.valueOf(den), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static int feeRateIndex(int n) {
        for (int i = 0; i < months.length; i++) {
            if (months[i] == n) {
                return i;
            }
        }
        return -1;
    }
}
