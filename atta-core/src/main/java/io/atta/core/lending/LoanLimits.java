package io.atta.core.lending;

/** The loans' named limits (specs "Consumer loans"; docs/LOANS.md, Limits). Amounts in fen. */
public final class LoanLimits {
    /** Smallest loan: 1,000.00 CNY. */
    public static final long minPrincipal = 100_000L;
    /** Largest loan: 300,000.00 CNY. */
    public static final long maxPrincipal = 30_000_000L;
    public static final int minMonths = 1;
    public static final int maxMonths = 12;
    /** Lowest daily rate, 0.015% ({@link LoanSchedule#rateScale}). */
    public static final long minDailyRate = 15_000L;
    /** Highest daily rate, 0.06%. */
    public static final long maxDailyRate = 60_000L;
    /** Longest lender name, characters. */
    public static final int maxLenderNameLength = 64;

    private LoanLimits() {
    }
}
