package io.atta.core.wealth;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The fund's exact arithmetic (specs: "Money-market fund"; docs/FUND.md). One unit is one minor
 * unit of money (a fen), so {@code U} units in fen are {@code U / 100} CNY, and the published
 * income per 10,000 units {@code p} is carried as {@code P = p × 10^4}. The day's income of
 * {@code U} earning units, {@code floor(U/100 × p × 100 / 10000)} fen, is therefore
 * {@code floor(U × P / 10^8)}: integer arithmetic, exact, no floating point.
 */
public final class IncomeRule {
    /** The scale of a published income per 10,000 units: four decimals. */
    public static final int incomeScale = 4;
    /** Largest income per 10,000 units, scaled: 99.9999 a day (a money-market fund publishes well under 1). */
    public static final long maxIncomePer10kScaled = 999_999;
    private static final long divisor = 100_000_000L;

    private IncomeRule() {
    }

    /**
     * {@code floor(units × per10kScaled / 10^8)}, exactly, for any non-negative units (split so
     * that no product overflows: units = a × 10^8 + b).
     */
    public static long income(long units, long per10kScaled) {
        if (units < 0 || per10kScaled < 0 || per10kScaled > maxIncomePer10kScaled) {
            throw new IllegalArgumentException("units " + units + " and income " + per10kScaled + " out of range");
        }
        long a = units / divisor;
        long b = units % divisor;
        return Math.addExact(Math.multiplyExact(a, per10kScaled), b * per10kScaled / divisor);
    }

    /**
     * The 7-day annualised yield as the API shows it ({@code "1.652%"}): the seven incomes per 10,000
     * units (scaled) summed, {@code / 7 × 365 / 10000} as a percentage, rounded half-up to 3 decimals.
     */
    public static String sevenDayYield(long sumOfSevenScaled) {
        BigDecimal p = BigDecimal.valueOf(sumOfSevenScaled, incomeScale);
        BigDecimal percent = p.multiply(BigDecimal.valueOf(365 * 100)).divide(BigDecimal.valueOf(7 * 10_000L), 3,
                RoundingMode.HALF_UP);
        return percent.toPlainString() + "%";
    }
}
