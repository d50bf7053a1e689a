package io.atta.engine.channel;

import java.util.List;

/**
 * The funding channels, deposits and withdrawals of one shard (read side; the rules that write
 * it are applied by the shard). Read under the shard's read lock.
 */
public interface ChannelBook {
    /** The channel, or null when this shard has not applied its {@code CreateChannel}. */
    Channel channel(long channelId);

    /** Every channel this shard knows, in creation order. */
    List<Channel> channels();

    DepositRecord deposit(long transferId);

    WithdrawalRecord withdrawal(long withdrawalId);

    /** A channel's deposits created in {@code [fromNs, toNs)}, oldest first. */
    List<DepositRecord> deposits(long channelId, long fromNs, long toNs);

    /** A user's deposits on this shard, oldest first. */
    List<DepositRecord> depositsOf(long userId);

    /** A channel's withdrawals created in {@code [fromNs, toNs)}, oldest first; {@code status} null for all. */
    List<WithdrawalRecord> withdrawals(long channelId, long fromNs, long toNs, WithdrawalStatus status);

    /** A channel's withdrawals confirmed, failed or expired in {@code [fromNs, toNs)}, oldest first. */
    List<WithdrawalRecord> resolvedWithdrawals(long channelId, long fromNs, long toNs);

    /** A user's withdrawals on this shard, oldest first. */
    List<WithdrawalRecord> withdrawalsOf(long userId);
}
