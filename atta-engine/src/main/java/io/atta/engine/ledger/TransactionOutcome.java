package io.atta.engine.ledger;

import io.atta.core.command.Result;

/**
 * The decision on a cross-shard transaction, kept in the coordinator's history once it is made
 * so that a retry of the same legs, however late, answers what the first attempt got.
 * {@code legsDigest} identifies the legs (same id, other legs: a different request).
 */
public record TransactionOutcome(long txId, long legsDigest, int legCount, boolean committed, Result reason,
                                 int failedLeg, long decidedAt) {
}
