package io.atta.core.lending;

import io.atta.core.command.Command;

/**
 * Repays {@code amount} (minor units) of what the loan owes today from the borrower's wallet:
 * penalty, then interest, then principal, oldest installment first. {@code prepay} repays
 * everything instead (the amount is 0): interest only for the days borrowed in the current month.
 */
public record RepayLoan(long loanId, String requestId, long amount, boolean prepay) implements Command {
    public RepayLoan {
        requestId = requestId == null ? "" : requestId;
    }
}
