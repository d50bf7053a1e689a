package io.atta.core.command;

/**
 * Creates a transfer (TigerBeetle semantics). For {@code postPending} and {@code voidPending}
 * the zero-valued fields ({@code debitAccountId}, {@code creditAccountId}, {@code amount},
 * {@code ledger}) are taken from the pending transfer. {@code actingUserId} is the user on
 * whose authority the transfer is made (0 for the platform itself): such a user may only
 * debit accounts it owns. {@code context} is what the edge saw of a user-initiated transfer (its
 * device and address, for risk control), or null.
 */
public record CreateTransfer(long id, long debitAccountId, long creditAccountId, long amount, int ledger, int code,
                             int flags, long pendingId, int timeoutSeconds, long userData, long actingUserId,
                             ClientContext context)
        implements Command {
    /** A transfer without a client context. */
    public CreateTransfer(long id, long debitAccountId, long creditAccountId, long amount, int ledger, int code,
                          int flags, long pendingId, int timeoutSeconds, long userData, long actingUserId) {
        this(id, debitAccountId, creditAccountId, amount, ledger, code, flags, pendingId, timeoutSeconds, userData,
                actingUserId, null);
    }

    /**
     * The user this transfer is made for, when a user (not the platform) initiated it: the acting
     * user, else the context's user; 0 for the platform's own transfers.
     */
    public long initiatingUserId() {
        return actingUserId != 0 ? actingUserId : context == null ? 0 : context.userId();
    }
}
