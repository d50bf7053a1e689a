package io.atta.core.command;

/** Closes an account: it takes part in no new transfer, though its pending ones may still be voided. */
public record CloseAccount(long accountId, long actingUserId) implements Command {
}
