package io.atta.core.insurance;

import io.atta.core.command.Result;
import io.atta.core.command.ResultRange;

/** Insurance results, in its block 1400–1499 (docs/RESULTS.md, docs/INSURANCE.md). */
public final class InsuranceResults {
    public static final Result insurer_not_found = ResultRange.insurance.define(1400, "insurer_not_found");
    public static final Result insurance_product_not_found = ResultRange.insurance.define(1401,
            "insurance_product_not_found");
    /** The product is not of the kind the request needs (a policy of a return-shipping product, a cover of another). */
    public static final Result insurance_kind_mismatch = ResultRange.insurance.define(1402, "insurance_kind_mismatch");
    public static final Result policy_not_found = ResultRange.insurance.define(1403, "policy_not_found");
    public static final Result claim_not_found = ResultRange.insurance.define(1404, "claim_not_found");
    /** The loss happened longer ago than the product's claim window (72 h for account security). */
    public static final Result claim_window_passed = ResultRange.insurance.define(1405, "claim_window_passed");
    /** The loss happened outside the policy's term (before it was bought, after it ended) or after the report. */
    public static final Result loss_outside_policy_term = ResultRange.insurance.define(1406,
            "loss_outside_policy_term");
    /** The claim would take the policy's open and approved claims over its coverage. */
    public static final Result claim_over_coverage = ResultRange.insurance.define(1407, "claim_over_coverage");
    /** The claim was decided the other way already. */
    public static final Result claim_already_decided = ResultRange.insurance.define(1408, "claim_already_decided");
    /** The product's currency is not the insurer's or the wallet's. */
    public static final Result insurance_currency_mismatch = ResultRange.insurance.define(1409,
            "insurance_currency_mismatch");
    /** Insurance asked for a trade already paid: it is sold with the payment only. */
    public static final Result trade_already_paid = ResultRange.insurance.define(1410, "trade_already_paid");
    /** A mutual-aid member whose wallet could not pay a period's share has left the plan. */
    public static final Result policy_lapsed = ResultRange.insurance.define(1411, "policy_lapsed");

    private InsuranceResults() {
    }

    /** Initialises the class (and so defines the block's results). */
    public static void load() {
    }
}
