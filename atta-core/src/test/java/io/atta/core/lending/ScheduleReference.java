package io.atta.core.lending;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's schedule written again, independently of {@link LoanSchedule}: exact rationals for
 * every rate, the rules read straight from specs "Consumer loans". Rows are
 * {@code {n, dueDay, principal, interest}}.
 */
final class ScheduleReference {
    private ScheduleReference() {
    }

    /** The daily rate as a fraction: {@code ratePer1e8 / 100,000,000}. */
    static Fraction daily(long ratePer1e8) {
        return Fraction.of(ratePer1e8, 100_000_000L);
    }

    static List<long[]> schedule(String method, long p, int n, long ratePer1e8, LocalDate disbursed) {
        Fraction r = daily(ratePer1e8).times(Fraction.of(30));
        List<long[]> rows = new ArrayList<>();
        long remaining = p;
        long a = 0;
        if (method.equals("equal_installment")) {
            Fraction grown = Fraction.one.plus(r).pow(n);
            a = Fraction.of(p).times(r).times(grown).over(grown.minus(Fraction.one)).roundHalfUp();
        }
        for (int k = 1; k <= n; k++) {
            long interest;
            long principal;
            switch (method) {
                case "equal_installment" -> {
                    interest = Fraction.of(remaining).times(r).roundHalfUp();
                    principal = k == n ? remaining : a - interest;
                }
                case "equal_principal" -> {
                    interest = Fraction.of(remaining).times(r).roundHalfUp();
                    principal = k == n ? remaining : Fraction.of(p, n).floor();
                }
                case "interest_first" -> {
                    interest = Fraction.of(p).times(r).roundHalfUp();
                    principal = k == n ? p : 0;
                }
                default -> throw new IllegalArgumentException(method);
            }
            remaining -= principal;
            rows.add(new long[] {k, due(disbursed, k).toEpochDay(), principal, interest});
        }
        return rows;
    }

    /** The same day of the month k months later, or that month's last day when it has none. */
    static LocalDate due(LocalDate disbursed, int k) {
        int months = disbursed.getYear() * 12 + disbursed.getMonthValue() - 1 + k;
        YearMonth ym = YearMonth.of(months / 12, months % 12 + 1);
        return ym.atDay(Math.min(disbursed.getDayOfMonth(), ym.lengthOfMonth()));
    }

    static long earlyInterest(long remaining, long ratePer1e8, int days) {
        return Fraction.of(remaining).times(daily(ratePer1e8)).times(Fraction.of(days)).roundHalfUp();
    }

    static long penalty(long unpaidPrincipal, long ratePer1e8) {
        return Fraction.of(unpaidPrincipal).times(daily(ratePer1e8)).times(Fraction.of(3, 2)).roundHalfUp();
    }
}
