package io.atta.core.lending;

import java.math.BigInteger;
import java.time.LocalDate;

/**
 * A loan's schedule and charges, exactly as specs "Consumer loans" defines them (docs/LOANS.md):
 * integer arithmetic only, every {@code round} half-up to the fen. A daily rate is carried as
 * {@code d = rate × 10^8} ({@link #rateScale}), so the monthly rate {@code r = 30 × rate} is the
 * fraction {@code 30d / 10^8}; the annuity's power is taken in {@link BigInteger}, every other
 * product fits a long within the loan limits ({@link LoanLimits}).
 */
public final class LoanSchedule {
    /** A daily rate {@code d} means {@code d / 10^8} a day (0.05% is 50,000). */
    public static final long rateScale = 100_000_000L;
    /** Days in the month the monthly rate counts: {@code r = daily_rate × 30}. */
    public static final int daysPerMonth = 30;

    private LoanSchedule() {
    }

    /** The schedule of {@code principal} over {@code months}, disbursed on local day {@code disbursedDay}. */
    public static Installment[] of(RepaymentMethod method, long principal, int months, long dailyRate,
                                   int disbursedDay) {
        if (principal <= 0 || months < 1 || dailyRate <= 0 || dailyRate > LoanLimits.maxDailyRate) {
            throw new IllegalArgumentException("no schedule for " + principal + " over " + months + " at " + dailyRate);
        }
        Installment[] out = new Installment[months];
        long remaining = principal;
        long annuity = method == RepaymentMethod.equal_installment ? annuity(principal, months, dailyRate) : 0;
        for (int k = 1; k <= months; k++) {
            long interest;
            long paid;
            if (method == RepaymentMethod.interest_first) {
                interest = monthlyInterest(principal, dailyRate);
                paid = k == months ? principal : 0;
            } else {
                interest = monthlyInterest(remaining, dailyRate);
                if (k == months) {
                    paid = remaining;
                } else if (method == RepaymentMethod.equal_principal) {
                    paid = principal / months;
                } else {
                    paid = annuity - interest;
                }
            }
            if (paid < 0 || paid > remaining) {
                throw new IllegalStateException("schedule of " + principal + " over " + months + " at " + dailyRate
                        + " pays " + paid + " of " + remaining + " in month " + k);
            }
            remaining -= paid;
            out[k - 1] = new Installment(k, dueDay(disbursedDay, k), paid, interest);
        }
        return out;
    }

    /**
     * The annuity {@code A = round(P × r × (1+r)^n / ((1+r)^n − 1))}; with {@code r = a/q}
     * ({@code a = 30d}, {@code q = 10^8}) it is {@code round(P a (q+a)^n / (q ((q+a)^n − q^n)))}.
     */
    public static long annuity(long principal, int months, long dailyRate) {
        BigInteger q = BigInteger.valueOf(rateScale);
        BigInteger a = BigInteger.valueOf(daysPerMonth * dailyRate);
        BigInteger grown = q.add(a).pow(months);
        BigInteger num = BigInteger.valueOf(principal).multiply(a).multiply(grown);
        BigInteger den = q.multiply(grown.subtract(q.pow(months)));
        return num.shiftLeft(1).add(den).divide(den.shiftLeft(1)).longValueExact();
    }

    /** A month's interest on {@code remaining}: {@code round(R × r)}. */
    public static long monthlyInterest(long remaining, long dailyRate) {
        return roundHalfUp(Math.multiplyExact(remaining, daysPerMonth * dailyRate), rateScale);
    }

    /** Early repayment's interest: {@code round(R × daily_rate × days)}. */
    public static long interestForDays(long remaining, long dailyRate, int days) {
        return roundHalfUp(Math.multiplyExact(Math.multiplyExact(remaining, dailyRate), days), rateScale);
    }

    /** One day's overdue penalty on an installment's unpaid principal: {@code round(U × daily_rate × 1.5)}. */
    public static long dailyPenalty(long unpaidPrincipal, long dailyRate) {
        return roundHalfUp(Math.multiplyExact(unpaidPrincipal, 3 * dailyRate), 2 * rateScale);
    }

    /** Month k's due day: the same day of the month k months after {@code disbursedDay}, or that month's last day. */
    public static int dueDay(int disbursedDay, int k) {
        return (int) LocalDate.ofEpochDay(disbursedDay).plusMonths(k).toEpochDay();
    }

    /** {@code round(num / den)} half-up, for {@code num >= 0}, {@code den > 0}. */
    static long roundHalfUp(long num, long den) {
        return (Math.addExact(Math.multiplyExact(num, 2), den)) / (2 * den);
    }
}
