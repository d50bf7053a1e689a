package io.atta.core.command;

/**
 * A user's request to take money out through a channel, on the user's shard: a pending transfer
 * from the wallet to the channel's clearing account, with the timeout after which it is voided
 * unless the channel has confirmed it. {@code withdrawalId} is the pending transfer's id, which
 * the edge derives from the user and {@code requestId}.
 */
public record RequestWithdrawal(long withdrawalId, long channelId, long userId, long amount, int ledger,
                                int timeoutSeconds, String requestId) implements Command {
    public RequestWithdrawal {
        requestId = requestId == null ? "" : requestId;
    }
}
