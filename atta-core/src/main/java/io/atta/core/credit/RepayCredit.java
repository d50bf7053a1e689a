package io.atta.core.credit;

import io.atta.core.command.Command;

/**
 * Repays {@code amount} of the user's credit line from the wallet or, as a fast redemption, from
 * the fund ({@link #fromFund}); applied to the oldest statement first, charges before principal.
 */
public record RepayCredit(long userId, String requestId, long amount, boolean fromFund) implements Command {
    public RepayCredit {
        requestId = requestId == null ? "" : requestId;
    }
}
