package io.atta.core.command;

/**
 * Records a delivery attempt of a merchant notification from this shard's outbox: delivered
 * (the entry leaves the outbox), failed and to be tried again at {@code nextAttemptAt}, or
 * abandoned after the last attempt.
 */
public record RecordDelivery(long seq, Outcome outcome, long nextAttemptAt) implements Command {
    public enum Outcome {
        delivered,
        retry,
        abandoned
    }
}
