package io.atta.engine.credit;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/** Why a score is not higher: each names the dimension it comes from (docs/CREDIT.md, "Reasons"). */
public enum ScoreReason implements StableCode {
    defaults_on_record(0, "a statement went unpaid past 30 days after its due date"),
    late_repayments(1, "statements were not paid their minimum by the due date"),
    overdue_now(2, "a statement is past its due date and short of its minimum"),
    short_repayment_history(3, "few statements repaid on time so far"),
    low_payment_activity(4, "little spending from the wallet or few months with credit purchases"),
    low_balances(5, "low wallet balance and fund holdings"),
    identity_not_verified(6, "identity verification below the highest level"),
    new_account(7, "the account is less than a year old"),
    few_counterparties(8, "few distinct merchants paid with credit pay"),
    many_refunds(9, "a large share of credit purchases was refunded");

    private static final CodeTable<ScoreReason> byCode = new CodeTable<>(values());

    private final int code;
    private final String description;

    ScoreReason(int code, String description) {
        this.code = code;
        this.description = description;
    }

    @Override
    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    public static ScoreReason ofCode(int code) {
        return byCode.of(code);
    }
}
