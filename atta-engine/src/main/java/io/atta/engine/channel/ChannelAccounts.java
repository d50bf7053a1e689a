package io.atta.engine.channel;

import io.atta.core.Ids;
import io.atta.core.TransferCodes;

/**
 * Where a channel's clearing account lives on each shard: in the shard's home slot, with the
 * channel id's local part. Platform-owned (owner 0), with no balance limit: its debit balance is
 * the money that entered the platform through the channel on that shard and has not left.
 */
public final class ChannelAccounts {
    /** The account code of a channel's clearing account. */
    public static final int clearingCode = TransferCodes.channelClearingAccount;

    private ChannelAccounts() {
    }

    public static long clearingId(long channelId, int homeSlot) {
        return Ids.compose(homeSlot, Ids.localOf(channelId));
    }
}
