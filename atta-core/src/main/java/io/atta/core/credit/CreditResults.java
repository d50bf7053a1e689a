package io.atta.core.credit;

import io.atta.core.command.Result;
import io.atta.core.command.ResultRange;

/** Credit's results, in its block 1100–1199 (docs/RESULTS.md, docs/CREDIT.md). */
public final class CreditResults {
    /** The score is below {@link CreditTerms#minScoreForLine}: no line is opened. */
    public static final Result score_too_low = ResultRange.credit.define(1100, "score_too_low");
    /** The user has no credit line. */
    public static final Result credit_line_not_found = ResultRange.credit.define(1101, "credit_line_not_found");
    /** A purchase over what is available on the line. */
    public static final Result credit_limit_exceeded = ResultRange.credit.define(1102, "credit_limit_exceeded");
    /** No statement of that period on the line. */
    public static final Result statement_not_found = ResultRange.credit.define(1103, "statement_not_found");
    /** Installments on a statement already due, already paid in part, already in installments, or empty. */
    public static final Result statement_not_installable = ResultRange.credit.define(1104, "statement_not_installable");
    /** A number of months other than 3, 6, 9 or 12. */
    public static final Result installment_months_invalid = ResultRange.credit.define(1105, "installment_months_invalid");
    /** A repayment of more than the line owes today (statements and unbilled purchases). */
    public static final Result repayment_exceeds_owed = ResultRange.credit.define(1106, "repayment_exceeds_owed");
    /** A KYC level outside 0..3. */
    public static final Result kyc_level_invalid = ResultRange.credit.define(1107, "kyc_level_invalid");
    /** A scorecard version this build does not have. */
    public static final Result score_model_unknown = ResultRange.credit.define(1108, "score_model_unknown");
    /** The lender account of this shard cannot cover the purchase. */
    public static final Result lender_funds_insufficient = ResultRange.credit.define(1109, "lender_funds_insufficient");
    /** A statement day outside 1..{@link CreditTerms#maxStatementDay}. */
    public static final Result statement_day_invalid = ResultRange.credit.define(1110, "statement_day_invalid");
    /** The line is frozen: a statement is in default. */
    public static final Result credit_line_frozen = ResultRange.credit.define(1111, "credit_line_frozen");

    private CreditResults() {
    }

    /** Initialises the class (and so defines the block's results). */
    public static void load() {
    }
}
