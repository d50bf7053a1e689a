package io.atta.engine.lending;

import io.atta.core.lending.Installment;
import io.atta.core.lending.LoanSchedule;
import io.atta.core.lending.RepaymentMethod;
import io.atta.core.lending.TakeLoan;

import java.util.LinkedHashMap;

/**
 * One loan on its borrower's shard: its terms and schedule, fixed at disbursement, and per
 * installment what is charged and what is paid. Changed only by {@link LoanCommands} and
 * {@link #accrueTo}.
 */
final class Loan {
    static final byte active = 0;
    static final byte repaid = 1;
    static final byte prepaid = 2;

    final long loanId;
    final TakeLoan terms;
    final long lenderId;
    final int ledger;
    final int score;
    final int rateVersion;
    final long dailyRate;
    final long disbursedAt;
    final int disbursedDay;
    final Installment[] schedule;

    /** Interest charged per installment: the schedule's, until a prepayment replaces the months not yet due. */
    final long[] interestCharged;
    final long[] principalPaid;
    final long[] interestPaid;
    final long[] penalty;
    final long[] penaltyPaid;
    /** The last day whose penalties are accrued. */
    int accruedDay;
    byte status = active;
    long closedAt;
    /** Repayments and the prepayment by request id, in arrival order. */
    final LinkedHashMap<String, Repayment> repayments = new LinkedHashMap<>();

    /** What one repayment paid, by kind, and when. */
    record Repayment(String requestId, boolean prepay, long amount, long penalty, long interest, long principal,
                     long createdAt) {
    }

    Loan(long loanId, TakeLoan terms, long lenderId, int ledger, int score, int rateVersion, long dailyRate,
         long disbursedAt, int disbursedDay) {
        this.loanId = loanId;
        this.terms = terms;
        this.lenderId = lenderId;
        this.ledger = ledger;
        this.score = score;
        this.rateVersion = rateVersion;
        this.dailyRate = dailyRate;
        this.disbursedAt = disbursedAt;
        this.disbursedDay = disbursedDay;
        this.schedule = LoanSchedule.of(terms.method(), terms.amount(), terms.months(), dailyRate, disbursedDay);
        int n = schedule.length;
        this.interestCharged = new long[n];
        for (int i = 0; i < n; i++) {
            interestCharged[i] = schedule[i].interest();
        }
        this.principalPaid = new long[n];
        this.interestPaid = new long[n];
        this.penalty = new long[n];
        this.penaltyPaid = new long[n];
        this.accruedDay = disbursedDay;
    }

    RepaymentMethod method() {
        return terms.method();
    }

    long unpaidPrincipal(int i) {
        return schedule[i].principal() - principalPaid[i];
    }

    long unpaid(int i) {
        return penalty[i] - penaltyPaid[i] + interestCharged[i] - interestPaid[i] + unpaidPrincipal(i);
    }

    /** Principal not yet repaid, over every installment. */
    long outstanding() {
        long sum = 0;
        for (int i = 0; i < schedule.length; i++) {
            sum += unpaidPrincipal(i);
        }
        return sum;
    }

    /** What is owed on {@code day}: every installment due by then, unpaid, penalties included. */
    long owedOn(int day) {
        long sum = 0;
        for (int i = 0; i < schedule.length && schedule[i].dueDay() <= day; i++) {
            sum = Math.addExact(sum, unpaid(i));
        }
        return sum;
    }

    /**
     * Accrues each day's overdue penalty up to {@code day}: from the local midnight after an
     * installment's due day, every day it has unpaid principal, {@code round(U × rate × 1.5)}
     * on that principal ({@link LoanSchedule#dailyPenalty}). A clock that jumps catches up day by day.
     */
    void accrueTo(int day) {
        if (status != active) {
            accruedDay = Math.max(accruedDay, day);
            return;
        }
        accrue(penalty, accruedDay, day);
        accruedDay = Math.max(accruedDay, day);
    }

    /** Adds to {@code into} the penalties of days {@code from + 1 .. to}. */
    void accrue(long[] into, int from, int to) {
        for (int i = 0; i < schedule.length; i++) {
            long unpaid = unpaidPrincipal(i);
            int first = Math.max(from + 1, schedule[i].dueDay() + 1);
            if (unpaid == 0 || first > to) {
                continue;
            }
            long perDay = LoanSchedule.dailyPenalty(unpaid, dailyRate);
            into[i] = Math.addExact(into[i], Math.multiplyExact(perDay, to - first + 1));
        }
    }
}
