package io.atta.core.risk;

import io.atta.core.command.Result;
import io.atta.core.command.ResultRange;

/** Risk control's results, in its block 1300–1399 (docs/RESULTS.md, docs/RISK.md). */
public final class RiskResults {
    /** A rule of the enforced rule set denied the movement: nothing moved (HTTP 409 {@code risk_denied}). */
    public static final Result risk_denied = ResultRange.risk.define(1300, "risk_denied");
    /** A rule asked for review: the money is held as a pending transfer until an operator decides (HTTP 202). */
    public static final Result risk_review = ResultRange.risk.define(1301, "risk_review");
    /** The payer tried to post or void a transfer held for review: only the review resolves it. */
    public static final Result risk_review_open = ResultRange.risk.define(1302, "risk_review_open");
    public static final Result review_not_found = ResultRange.risk.define(1303, "review_not_found");
    /** The review was already approved, rejected or timed out. */
    public static final Result review_closed = ResultRange.risk.define(1304, "review_closed");
    /** A rule set's version must be above every version put before. */
    public static final Result rule_set_version_not_newer = ResultRange.risk.define(1305, "rule_set_version_not_newer");
    /** A rule set the edge should have refused (the log holds only what the edge let through). */
    public static final Result rule_set_invalid = ResultRange.risk.define(1306, "rule_set_invalid");
    /** The credit module's result of that name (code 1107): a result's name is one meaning platform-wide; 1307 stays unused. */
    public static final Result kyc_level_invalid = io.atta.core.credit.CreditResults.kyc_level_invalid;

    private RiskResults() {
    }

    /** Initialises the class (and so defines the block's results). */
    public static void load() {
    }
}
