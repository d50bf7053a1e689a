package io.atta.core.credit;

import io.atta.core.command.Command;

/**
 * Opens the user's credit line, sized from the score at {@code ts} (docs/CREDIT.md, "Limits");
 * statements on {@code statementDay} of each month, due {@link CreditTerms#dueAfterDays} days later.
 */
public record OpenCreditLine(long userId, String requestId, int statementDay, boolean autoRepay) implements Command {
    public OpenCreditLine {
        requestId = requestId == null ? "" : requestId;
    }
}
