package io.atta.core.command;

/**
 * Money entering the platform through a channel, on the user's shard: a transfer from the
 * channel's clearing account on that shard to the user's wallet, recorded with the channel's
 * own reference. The edge derives {@code transferId} from the channel and {@code channelRef}, so
 * a repeat is {@code exists} and a repeat with other fields {@code exists_with_different_fields}.
 */
public record Deposit(long transferId, long channelId, long userId, long amount, int ledger, String channelRef)
        implements Command {
    public Deposit {
        channelRef = channelRef == null ? "" : channelRef;
    }
}
