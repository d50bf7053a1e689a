package io.atta.engine.channel;

import io.atta.core.DerivedIds;
import io.atta.core.Ids;
import io.atta.core.TransferCodes;

/**
 * The transfers of channel money: their codes, so that history tells deposits and withdrawals
 * from other movements, and the id of the transfer that answers a withdrawal.
 */
public final class ChannelMoney {
    /** A deposit: the channel's clearing account to the user's wallet. */
    public static final int depositCode = TransferCodes.channelDeposit;
    /** A withdrawal: the user's wallet to the channel's clearing account, pending until the channel answers. */
    public static final int withdrawalCode = TransferCodes.channelWithdrawal;

    private ChannelMoney() {
    }

    /**
     * The id of the transfer that posts or voids a withdrawal's pending transfer when its channel
     * answers: derived from the withdrawal, in the withdrawal's slot and the platform's range, so
     * the edge and history name it without asking the shard.
     */
    public static long resolutionId(long withdrawalId) {
        return Ids.platformId(Ids.slotOf(withdrawalId), DerivedIds.of("withdrawal-answer:" + withdrawalId));
    }
}
