package io.atta.engine.lending;

import io.atta.core.command.Result;
import io.atta.core.lending.Installment;
import io.atta.core.lending.LoanDays;
import io.atta.core.lending.LoanLimits;
import io.atta.core.lending.LoanRateTable;
import io.atta.core.lending.LoanResults;
import io.atta.core.lending.LoanSchedule;
import io.atta.core.lending.RepaymentMethod;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.LedgerModule;

import java.util.ArrayList;
import java.util.List;

/**
 * The lending module's read facade (under the shard's read lock): lenders, loans as they stand
 * on a day (penalties projected to that day without changing anything), and quotes. Every
 * answer is a copy.
 */
public final class LoanReads {
    private final LoanBook book;
    private final LedgerModule ledger;
    private final CreditScores scores;

    LoanReads(LoanBook book, LedgerModule ledger, CreditScores scores) {
        this.book = book;
        this.ledger = ledger;
        this.scores = scores;
    }

    /** The lender on this shard, or null. */
    public LenderView lender(long lenderId) {
        Lender l = book.lenders.get(lenderId);
        if (l == null) {
            return null;
        }
        AccountState funding = ledger.account(l.fundingAccount);
        return new LenderView(l.lenderId, l.name, l.ledger, l.createdAt, l.fundingAccount, l.incomeAccount,
                funding == null ? 0 : funding.balance(), l.deposited, l.exposure, l.disbursed, l.principalRepaid,
                l.interestReceived, l.penaltiesReceived, l.loans);
    }

    /** Every lender on this shard, by id. */
    public List<LenderView> lenders() {
        List<LenderView> all = new ArrayList<>();
        for (long id : book.lenders.keySet()) {
            all.add(lender(id));
        }
        return all;
    }

    /** The loan as it stands at {@code ts}, or null. */
    public LoanView loan(long loanId, long ts) {
        Loan loan = book.loans.get(loanId);
        return loan == null ? null : view(loan, LoanDays.dayAt(ts));
    }

    /** The user's loans on this shard, oldest first, as they stand at {@code ts}. */
    public List<LoanView> loansOf(long userId, long ts) {
        List<LoanView> out = new ArrayList<>();
        int day = LoanDays.dayAt(ts);
        for (long id : book.byUser.getOrDefault(userId, List.of())) {
            out.add(view(book.loans.get(id), day));
        }
        return out;
    }

    /** The id a loan of this user and request id has (or will have). */
    public static long loanIdOf(long userId, String requestId) {
        return LoanCommands.loanId(userId, requestId);
    }

    /**
     * What {@code TakeLoan} would decide at {@code ts} on the price: the score, the rate and limit
     * of its band and the schedule, or the result that refuses it ({@code score_too_low},
     * {@code loan_limit_exceeded}, {@code user_not_found}). Funding is not looked at.
     */
    public LoanQuote quote(long userId, long amount, int months, RepaymentMethod method, long ts) {
        int day = LoanDays.dayAt(ts);
        if (!ledger.postings().userExists(userId)) {
            return new LoanQuote(Result.user_not_found, 0, LoanRateTable.version, 0, 0, day, null);
        }
        int score = scores.scoreOf(userId, ts);
        LoanRateTable.Band band = LoanRateTable.bandOf(score);
        if (band == null) {
            return new LoanQuote(LoanResults.score_too_low, score, LoanRateTable.version, 0, 0, day, null);
        }
        if (amount < LoanLimits.minPrincipal || months < LoanLimits.minMonths || months > LoanLimits.maxMonths) {
            return new LoanQuote(LoanResults.loan_terms_out_of_range, score, LoanRateTable.version, band.dailyRate(),
                    band.maxPrincipal(), day, null);
        }
        if (amount > band.maxPrincipal()) {
            return new LoanQuote(LoanResults.loan_limit_exceeded, score, LoanRateTable.version, band.dailyRate(),
                    band.maxPrincipal(), day, null);
        }
        return new LoanQuote(Result.ok, score, LoanRateTable.version, band.dailyRate(), band.maxPrincipal(), day,
                LoanSchedule.of(method, amount, months, band.dailyRate(), day));
    }

    private static LoanView view(Loan loan, int day) {
        int n = loan.schedule.length;
        long[] penalty = loan.penalty.clone();
        if (loan.status == Loan.active) {
            loan.accrue(penalty, loan.accruedDay, day);
        }
        List<LoanView.InstallmentView> rows = new ArrayList<>();
        long owed = 0;
        boolean overdue = false;
        for (int i = 0; i < n; i++) {
            Installment s = loan.schedule[i];
            long unpaid = penalty[i] - loan.penaltyPaid[i] + loan.interestCharged[i] - loan.interestPaid[i]
                    + loan.unpaidPrincipal(i);
            String state;
            if (unpaid == 0 && loan.unpaidPrincipal(i) == 0) {
                state = "paid";
            } else if (s.dueDay() < day) {
                state = "overdue";
                overdue = true;
            } else {
                state = s.dueDay() == day ? "due" : "upcoming";
            }
            if (s.dueDay() <= day) {
                owed += unpaid;
            }
            rows.add(new LoanView.InstallmentView(s.n(), s.dueDay(), s.principal(), s.interest(),
                    loan.interestCharged[i], loan.principalPaid[i], loan.interestPaid[i], penalty[i],
                    loan.penaltyPaid[i], s.dueDay() <= day ? unpaid : 0, state));
        }
        long payoff = 0;
        if (loan.status == Loan.active) {
            long[][] parts = LoanRepayments.payoff(loan, penalty, day);
            for (long[] kind : parts) {
                for (long v : kind) {
                    payoff += v;
                }
            }
        }
        List<LoanView.RepaymentView> paid = new ArrayList<>();
        for (Loan.Repayment r : loan.repayments.values()) {
            paid.add(new LoanView.RepaymentView(r.requestId(), r.prepay(), r.amount(), r.penalty(), r.interest(),
                    r.principal(), r.createdAt()));
        }
        String status = switch (loan.status) {
            case Loan.repaid -> "repaid";
            case Loan.prepaid -> "prepaid";
            default -> overdue ? "overdue" : "active";
        };
        return new LoanView(loan.loanId, loan.terms.userId(), loan.lenderId, loan.terms.requestId(), loan.ledger,
                loan.terms.amount(), loan.terms.months(), loan.method(), loan.dailyRate, loan.score, loan.rateVersion,
                loan.disbursedAt, loan.disbursedDay, status, loan.closedAt, loan.outstanding(), owed, payoff, day,
                rows, paid);
    }
}
