package io.atta.core.command;

/**
 * Creates a transfer (TigerBeetle semantics). For {@code postPending} and {@code voidPending}
 * the zero-valued fields ({@code debitAccountId}, {@code creditAccountId}, {@code amount},
 * {@code ledger}) are taken from the pending transfer. {@code actingUserId} is the user on
 * whose authority the transfer is made (0 for the platform itself): such a user may only
 * debit accounts it owns.
 */
public record CreateTransfer(long id, long debitAccountId, long creditAccountId, long amount, int ledger, int code,
                             int flags, long pendingId, int timeoutSeconds, long userData, long actingUserId)
        implements Command {
}
