package io.atta.engine.lending;

import io.atta.core.lending.Installment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A naive loan for the model test, written from the spec with {@link BigDecimal} (half-up to the
 * fen): penalties day by day, repayments in the spec's order, and the prepayment. The schedule
 * itself is the one {@code LoanScheduleTest} checks against exact rationals.
 */
final class LoanReference {
    final long id;
    final int user;
    final BigDecimal daily;
    final int disbursedDay;
    final int[] due;
    final long[] principal;
    final long[] interest;
    final long[] penalty;
    final long[] paidPrincipal;
    final long[] paidInterest;
    final long[] paidPenalty;
    boolean closed;
    boolean prepaid;

    LoanReference(long id, int user, long dailyRate, int disbursedDay, Installment[] schedule) {
        this.id = id;
        this.user = user;
        this.daily = BigDecimal.valueOf(dailyRate).movePointLeft(8);
        this.disbursedDay = disbursedDay;
        int n = schedule.length;
        due = new int[n];
        principal = new long[n];
        interest = new long[n];
        for (int i = 0; i < n; i++) {
            due[i] = schedule[i].dueDay();
            principal[i] = schedule[i].principal();
            interest[i] = schedule[i].interest();
        }
        penalty = new long[n];
        paidPrincipal = new long[n];
        paidInterest = new long[n];
        paidPenalty = new long[n];
    }

    static long round(BigDecimal v) {
        return v.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The midnight that begins {@code day}: a day's penalty on each installment past due with principal unpaid. */
    void beginDay(int day) {
        if (closed) {
            return;
        }
        for (int i = 0; i < due.length; i++) {
            long unpaid = principal[i] - paidPrincipal[i];
            if (day > due[i] && unpaid > 0) {
                penalty[i] += round(BigDecimal.valueOf(unpaid).multiply(daily).multiply(new BigDecimal("1.5")));
            }
        }
    }

    long owed(int day) {
        long sum = 0;
        for (int i = 0; i < due.length; i++) {
            if (due[i] <= day) {
                sum += penalty[i] - paidPenalty[i] + interest[i] - paidInterest[i] + principal[i] - paidPrincipal[i];
            }
        }
        return sum;
    }

    /** Pays {@code amount} (at most what is owed): each installment's penalty, interest, principal, oldest first. */
    void repay(long amount, int day) {
        for (int i = 0; i < due.length && amount > 0 && due[i] <= day; i++) {
            long p = Math.min(amount, penalty[i] - paidPenalty[i]);
            paidPenalty[i] += p;
            amount -= p;
            long in = Math.min(amount, interest[i] - paidInterest[i]);
            paidInterest[i] += in;
            amount -= in;
            long pr = Math.min(amount, principal[i] - paidPrincipal[i]);
            paidPrincipal[i] += pr;
            amount -= pr;
        }
        closeIfPaid();
    }

    /** What a prepayment pays on {@code day}. */
    long payoff(int day) {
        long sum = owed(day);
        int last = disbursedDay;
        long remaining = 0;
        for (int i = 0; i < due.length; i++) {
            if (due[i] <= day) {
                last = due[i];
            } else {
                remaining += principal[i] - paidPrincipal[i];
            }
        }
        long early = round(BigDecimal.valueOf(remaining).multiply(daily).multiply(BigDecimal.valueOf(day - last)));
        return sum + remaining + (remaining > 0 ? early : 0);
    }

    /** Pays everything on {@code day}; returns {penalty, interest, principal} paid. */
    long[] prepay(int day) {
        long early = payoff(day) - owed(day) - remainingPrincipalNotDue(day);
        long pen = 0;
        long in = 0;
        long pr = 0;
        boolean first = true;
        for (int i = 0; i < due.length; i++) {
            pen += penalty[i] - paidPenalty[i];
            pr += principal[i] - paidPrincipal[i];
            if (due[i] > day) {
                prepaid = true;
                interest[i] = first ? early : 0;
                first = false;
            }
            in += interest[i] - paidInterest[i];
            paidPenalty[i] = penalty[i];
            paidInterest[i] = interest[i];
            paidPrincipal[i] = principal[i];
        }
        closed = true;
        return new long[] {pen, in, pr};
    }

    private long remainingPrincipalNotDue(int day) {
        long r = 0;
        for (int i = 0; i < due.length; i++) {
            if (due[i] > day) {
                r += principal[i] - paidPrincipal[i];
            }
        }
        return r;
    }

    long outstanding() {
        long r = 0;
        for (int i = 0; i < due.length; i++) {
            r += principal[i] - paidPrincipal[i];
        }
        return r;
    }

    private void closeIfPaid() {
        boolean all = true;
        for (int i = 0; i < due.length; i++) {
            all &= penalty[i] == paidPenalty[i] && interest[i] == paidInterest[i] && principal[i] == paidPrincipal[i];
        }
        closed = all;
    }
}
