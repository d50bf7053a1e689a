package io.atta.core.wealth;

import io.atta.core.command.Result;
import io.atta.core.command.ResultRange;

/** The wealth fund's results, in its block 1000–1099 (docs/RESULTS.md, docs/FUND.md). */
public final class FundResults {
    public static final Result fund_not_found = ResultRange.fund.define(1000, "fund_not_found");
    public static final Result calendar_not_found = ResultRange.fund.define(1001, "calendar_not_found");
    /** A fast redemption over what is left of the user's daily fast-redeem limit. */
    public static final Result fast_redeem_limit_exceeded = ResultRange.fund.define(1002, "fast_redeem_limit_exceeded");
    /** A redemption of more than the holder's confirmed units. */
    public static final Result insufficient_units = ResultRange.fund.define(1003, "insufficient_units");
    /** A subscription that would take the holder's units and pending units over the fund's holding cap. */
    public static final Result holding_cap_exceeded = ResultRange.fund.define(1004, "holding_cap_exceeded");
    /** The day's income was already published with another value. */
    public static final Result income_already_published = ResultRange.fund.define(1005, "income_already_published");
    /** Income for a day before the fund was created. */
    public static final Result income_date_before_fund = ResultRange.fund.define(1006, "income_date_before_fund");
    /** Income for a day that has not ended yet in the fund's time zone. */
    public static final Result income_date_not_ended = ResultRange.fund.define(1007, "income_date_not_ended");
    /** The fund's currency is not the currency of the holder's wallet. */
    public static final Result fund_currency_mismatch = ResultRange.fund.define(1008, "fund_currency_mismatch");

    private FundResults() {
    }

    /** Initialises the class (and so defines the block's results). */
    public static void load() {
    }
}
