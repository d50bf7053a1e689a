package io.atta.engine.ledger;

import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;

/**
 * A transaction its coordinator still drives: begun and not yet finished. What a recovering
 * driver needs to take it to its end: the legs (to prepare again), the participants (to
 * resolve) and the decision, if made. {@code legs} is the ledger's own array, shared to keep
 * reads cheap: never modify it.
 */
public record ActiveTransaction(long txId, long participants, CreateTransfer[] legs, TransactionState state,
                                Result reason, int failedLeg, long beganAt) {
}
