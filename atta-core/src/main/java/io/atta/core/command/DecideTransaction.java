package io.atta.core.command;

/**
 * The coordinator's decision, the point of no return: {@code commit}, or abort because leg
 * {@code failedLeg} was refused with {@code reason}. The first decision logged wins; the result
 * is the recorded one ({@code ok} for commit, {@code transaction_aborted} for abort). The
 * coordinator's own pieces are posted or voided in the same step.
 */
public record DecideTransaction(long txId, boolean commit, Result reason, int failedLeg) implements Command {
}
