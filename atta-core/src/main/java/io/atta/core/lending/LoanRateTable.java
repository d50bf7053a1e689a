package io.atta.core.lending;

/**
 * The published table from credit score to daily rate and loan limit (docs/LOANS.md, Rates):
 * versioned, so a loan records the version it was priced by and a new table changes no loan
 * already made. Higher score, lower rate and higher limit; below the first band a loan is
 * refused {@code score_too_low}.
 */
public final class LoanRateTable {
    /** The table's version, recorded on every loan. */
    public static final int version = 1;

    /** One band: scores from {@code minScore} up to the next band's. */
    public record Band(int minScore, long dailyRate, long maxPrincipal) {
    }

    private static final Band[] bands = {
        new Band(600, 60_000, 1_000_000),
        new Band(640, 50_000, 3_000_000),
        new Band(680, 40_000, 6_000_000),
        new Band(720, 30_000, 10_000_000),
        new Band(760, 22_500, 20_000_000),
        new Band(800, 15_000, LoanLimits.maxPrincipal),
    };

    private LoanRateTable() {
    }

    /** The band of {@code score}, or null below the lowest (the loan is refused {@code score_too_low}). */
    public static Band bandOf(int score) {
        Band found = null;
        for (Band b : bands) {
            if (score >= b.minScore()) {
                found = b;
            }
        }
        return found;
    }

    /** Every band, lowest score first. */
    public static Band[] bands() {
        return bands.clone();
    }
}
