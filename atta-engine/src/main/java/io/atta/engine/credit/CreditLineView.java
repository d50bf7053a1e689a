package io.atta.engine.credit;

/**
 * A credit line as the API shows it (minor units): {@code repayable} is what a repayment may pay
 * today (statements and unbilled purchases); {@code used} also counts installment parts not yet
 * billed.
 */
public record CreditLineView(long userId, int ledger, long limit, long used, long available, int statementDay,
                             int dueDay, String status, boolean autoRepay, long openedAt, long repayable,
                             long unbilled) {
}
