package io.atta.core.lending;

import io.atta.core.command.Command;

/**
 * Money a channel received for a lender, on one shard: a transfer from the channel's clearing
 * account on that shard to the lender's funding account there. The edge derives
 * {@code transferId} from the channel, its reference and the shard, so a repeat is {@code exists}.
 */
public record FundLender(long transferId, long lenderId, long channelId, long amount, int ledger, String channelRef)
        implements Command {
    public FundLender {
        channelRef = channelRef == null ? "" : channelRef;
    }
}
