package io.atta.engine.lending;

import io.atta.core.lending.RepaymentMethod;

import java.util.List;

/**
 * A loan as the API shows it on {@code day} (penalties accrued to that day, even before its tick).
 *
 * @param status       {@code active}, {@code overdue} (an installment past its due day unpaid), {@code repaid} or {@code prepaid}
 * @param owedToday    what a repayment may pay on {@code day}: every installment due by then, penalties included
 * @param payoffToday  what a prepayment would pay on {@code day}
 */
public record LoanView(long loanId, long userId, long lenderId, String requestId, int ledger, long principal,
                       int months, RepaymentMethod method, long dailyRate, int score, int rateVersion,
                       long disbursedAt, int disbursedDay, String status, long closedAt, long outstanding,
                       long owedToday, long payoffToday, int day, List<InstallmentView> installments,
                       List<RepaymentView> repayments) {

    /**
     * One installment: the schedule's principal and interest, the interest charged (a prepayment
     * replaces the interest of months not yet due), what is paid, the penalty accrued.
     *
     * @param state {@code upcoming}, {@code due} (due today), {@code overdue} or {@code paid}
     */
    public record InstallmentView(int n, int dueDay, long principal, long interest, long interestCharged,
                                  long principalPaid, long interestPaid, long penalty, long penaltyPaid,
                                  long owed, String state) {
    }

    public record RepaymentView(String requestId, boolean prepay, long amount, long penalty, long interest,
                                long principal, long createdAt) {
    }
}
