package io.atta.core.command;

/**
 * Creates a user together with its wallet account (credit-normal, may not go below zero).
 * The edge draws the ids and the token; the state machine keeps only the token's SHA-256.
 */
public record CreateUser(long userId, long walletAccountId, int walletLedger, long tokenHash0, long tokenHash1,
                         long tokenHash2, long tokenHash3) implements Command {
}
