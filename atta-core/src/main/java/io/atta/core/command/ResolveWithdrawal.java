package io.atta.core.command;

/**
 * The channel's answer to a withdrawal: confirmed (the money left: the pending transfer is
 * posted) or failed (it did not: voided, the money is back in the wallet). {@code channelId} is
 * the channel whose key answers; another channel's withdrawal is {@code withdrawal_not_found}.
 */
public record ResolveWithdrawal(long withdrawalId, long channelId, boolean confirm, String channelRef)
        implements Command {
    public ResolveWithdrawal {
        channelRef = channelRef == null ? "" : channelRef;
    }
}
