package io.atta.core.lending;

import io.atta.core.command.Result;
import io.atta.core.command.ResultRange;
import io.atta.core.credit.CreditResults;

/** The loans' results, in their block 1200–1299 (docs/RESULTS.md, docs/LOANS.md). */
public final class LoanResults {
    public static final Result lender_not_found = ResultRange.loans.define(1200, "lender_not_found");
    public static final Result loan_not_found = ResultRange.loans.define(1201, "loan_not_found");
    /**
     * The borrower's credit score is below the rate table's lowest band (600): the credit pay
     * result of that name (code 1100), as a result's name is one meaning platform-wide. Codes
     * 1202, 1205 and 1206 stay unused.
     */
    public static final Result score_too_low = CreditResults.score_too_low;
    /** More than the borrower's score allows ({@link LoanRateTable}). */
    public static final Result loan_limit_exceeded = ResultRange.loans.define(1203, "loan_limit_exceeded");
    /** A repayment on a loan already repaid in full. */
    public static final Result loan_closed = ResultRange.loans.define(1204, "loan_closed");
    /** A repayment of more than the loan owes today (paying ahead is a prepayment). */
    public static final Result repayment_exceeds_owed = CreditResults.repayment_exceeds_owed;
    /** The lender's funding on the borrower's shard is short of the loan. */
    public static final Result lender_funds_insufficient = CreditResults.lender_funds_insufficient;
    /** The borrower's wallet is not in the lender's currency. */
    public static final Result loan_currency_mismatch = ResultRange.loans.define(1207, "loan_currency_mismatch");
    /** Amount, months or method outside the limits (the edge refuses them first, naming the field). */
    public static final Result loan_terms_out_of_range = ResultRange.loans.define(1208, "loan_terms_out_of_range");
    /** Nothing is owed today: there is nothing a repayment could pay. */
    public static final Result nothing_owed = ResultRange.loans.define(1209, "nothing_owed");

    private LoanResults() {
    }

    /** Initialises the class (and so defines the block's results). */
    public static void load() {
    }
}
