package io.atta.core.command;

/** Creates an account owned by a user of the same shard. */
public record CreateAccount(long id, long ownerUserId, int ledger, int code, int flags, long userData)
        implements Command {
}
