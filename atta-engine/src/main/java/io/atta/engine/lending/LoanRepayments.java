package io.atta.engine.lending;

import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.lending.LoanDays;
import io.atta.core.lending.LoanResults;
import io.atta.core.lending.LoanSchedule;
import io.atta.core.lending.RepayLoan;
import io.atta.engine.ledger.Postings;

/**
 * Repayments and prepayments (docs/LOANS.md, Repaying). A repayment pays what is owed today in
 * the spec's order: installment by installment, oldest first, each one's penalty, then interest,
 * then principal. A prepayment pays everything: the installments due as they stand, the
 * principal not yet due, and interest on that principal only for the days borrowed in the
 * current month. The money moves from the wallet in one group of up to three transfers
 * (principal to the lender's funding, interest and penalty to its income).
 */
final class LoanRepayments {
    private final LoanBook book;
    private final Postings postings;

    LoanRepayments(LoanBook book, Postings postings) {
        this.book = book;
        this.postings = postings;
    }

    Result repay(RepayLoan c, long ts) {
        Loan loan = book.loans.get(c.loanId());
        if (loan == null) {
            return LoanResults.loan_not_found;
        }
        Loan.Repayment seen = loan.repayments.get(c.requestId());
        if (seen != null) {
            return seen.prepay() == c.prepay() && (c.prepay() || seen.amount() == c.amount()) ? Result.exists
                    : Result.exists_with_different_fields;
        }
        if (loan.status != Loan.active) {
            return LoanResults.loan_closed;
        }
        int today = LoanDays.dayAt(ts);
        loan.accrueTo(today);
        return c.prepay() ? prepay(loan, c, today, ts) : repayOwed(loan, c, today, ts);
    }

    private Result repayOwed(Loan loan, RepayLoan c, int today, long ts) {
        if (c.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        long owed = loan.owedOn(today);
        if (owed == 0) {
            return LoanResults.nothing_owed;
        }
        if (c.amount() > owed) {
            return LoanResults.repayment_exceeds_owed;
        }
        int n = loan.schedule.length;
        long[] pen = new long[n];
        long[] interest = new long[n];
        long[] principal = new long[n];
        long left = c.amount();
        for (int i = 0; i < n && left > 0 && loan.schedule[i].dueDay() <= today; i++) {
            pen[i] = Math.min(left, loan.penalty[i] - loan.penaltyPaid[i]);
            left -= pen[i];
            interest[i] = Math.min(left, loan.interestCharged[i] - loan.interestPaid[i]);
            left -= interest[i];
            principal[i] = Math.min(left, loan.unpaidPrincipal(i));
            left -= principal[i];
        }
        if (left != 0) {
            throw new IllegalStateException("loan " + loan.loanId + ": " + left + " of a repayment within " + owed
                    + " owed found no installment");
        }
        return settle(loan, c, pen, interest, principal, false, ts);
    }

    /** Everything, as a prepayment on {@code today}: see {@link #payoff}. */
    private Result prepay(Loan loan, RepayLoan c, int today, long ts) {
        long[][] parts = payoff(loan, loan.penalty, today);
        int n = loan.schedule.length;
        boolean early = false;
        for (int i = 0; i < n; i++) {
            if (loan.schedule[i].dueDay() > today) {
                early = true;
                loan.interestCharged[i] = loan.interestPaid[i] + parts[1][i];
            }
        }
        Result r = settle(loan, c, parts[0], parts[1], parts[2], early, ts);
        if (r != Result.ok) {
            for (int i = 0; i < n; i++) {
                loan.interestCharged[i] = loan.schedule[i].interest();
            }
        }
        return r;
    }

    /**
     * What paying everything on {@code day} pays per installment, as {penalty, interest,
     * principal}: an installment due by then pays all it owes; the first one not yet due pays
     * {@code round(R × daily_rate × days)} interest, where R is every principal not yet due and the
     * days run from the last due day (or the disbursement) to {@code day}; later ones pay no
     * interest; every one pays its principal. {@code penalty} is the loan's penalties accrued to {@code day}.
     */
    static long[][] payoff(Loan loan, long[] penalty, int day) {
        int n = loan.schedule.length;
        long[][] parts = new long[3][n];
        int since = loan.disbursedDay;
        long notYetDue = 0;
        int current = -1;
        for (int i = 0; i < n; i++) {
            if (loan.schedule[i].dueDay() <= day) {
                since = loan.schedule[i].dueDay();
                parts[0][i] = penalty[i] - loan.penaltyPaid[i];
                parts[1][i] = loan.interestCharged[i] - loan.interestPaid[i];
            } else {
                notYetDue += loan.unpaidPrincipal(i);
                current = current < 0 ? i : current;
            }
            parts[2][i] = loan.unpaidPrincipal(i);
        }
        if (current >= 0) {
            parts[1][current] = LoanSchedule.interestForDays(notYetDue, loan.dailyRate, day - since);
        }
        return parts;
    }

    /** Moves the parts from the wallet and records them; on a refused transfer nothing changes. */
    private Result settle(Loan loan, RepayLoan c, long[] pen, long[] interest, long[] principal, boolean early,
                          long ts) {
        Lender l = book.lenders.get(loan.lenderId);
        long wallet = postings.walletOf(loan.terms.userId());
        long penaltySum = sum(pen);
        long interestSum = sum(interest);
        long principalSum = sum(principal);
        String key = (c.prepay() ? "prepay:" : "repay:") + c.requestId();
        postings.begin();
        Result r = move(loan, key + ":penalty", wallet, l.incomeAccount, penaltySum, TransferCodes.loanPenalty, ts);
        if (r == Result.ok) {
            r = move(loan, key + ":interest", wallet, l.incomeAccount, interestSum, TransferCodes.loanInterest, ts);
        }
        if (r == Result.ok) {
            r = move(loan, key + ":principal", wallet, l.fundingAccount, principalSum, TransferCodes.loanPrincipal, ts);
        }
        if (r != Result.ok) {
            postings.rollBack();
            postings.end();
            return r;
        }
        postings.end();
        for (int i = 0; i < loan.schedule.length; i++) {
            loan.penaltyPaid[i] += pen[i];
            loan.interestPaid[i] += interest[i];
            loan.principalPaid[i] += principal[i];
        }
        l.exposure -= principalSum;
        l.principalRepaid = Math.addExact(l.principalRepaid, principalSum);
        l.interestReceived = Math.addExact(l.interestReceived, interestSum);
        l.penaltiesReceived = Math.addExact(l.penaltiesReceived, penaltySum);
        long amount = penaltySum + interestSum + principalSum;
        loan.repayments.put(c.requestId(), new Loan.Repayment(c.requestId(), c.prepay(), amount, penaltySum,
                interestSum, principalSum, ts));
        boolean allPaid = true;
        for (int i = 0; i < loan.schedule.length; i++) {
            allPaid &= loan.unpaid(i) == 0;
        }
        if (allPaid) {
            loan.status = early ? Loan.prepaid : Loan.repaid;
            loan.closedAt = ts;
            book.open.remove(loan.loanId);
        }
        return Result.ok;
    }

    private Result move(Loan loan, String key, long from, long to, long amount, int code, long ts) {
        if (amount == 0) {
            return Result.ok;
        }
        return postings.transfer(new CreateTransfer(LoanCommands.transferId(loan, key), from, to, amount, loan.ledger,
                code, 0, 0, 0, loan.loanId, 0), ts);
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s = Math.addExact(s, v);
        }
        return s;
    }
}
