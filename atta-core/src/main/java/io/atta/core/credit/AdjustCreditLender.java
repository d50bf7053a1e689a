package io.atta.core.credit;

import io.atta.core.command.Command;

/**
 * An operator moves money between the shard's bank funding and its credit-pay lender account
 * (docs/CREDIT.md, "The lender"): {@code credit} feeds the lender, otherwise it takes money back.
 * Once per request id.
 */
public record AdjustCreditLender(String requestId, int ledger, long amount, boolean credit, String reason)
        implements Command {
    public AdjustCreditLender {
        requestId = requestId == null ? "" : requestId;
        reason = reason == null ? "" : reason;
    }
}
