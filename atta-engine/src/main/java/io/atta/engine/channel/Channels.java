package io.atta.engine.channel;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** The channels, deposits and withdrawals of one shard: the state the channel commands write. */
public final class Channels implements ChannelBook {
    // Iterators allocated per use: concurrent readers iterate under the shared read lock.
    final Long2ObjectHashMap<Channel> channels = new Long2ObjectHashMap<>(16, 0.65f, false);
    final Long2ObjectHashMap<DepositRecord> deposits = new Long2ObjectHashMap<>(1024, 0.65f, false);
    final Long2ObjectHashMap<WithdrawalRecord> withdrawals = new Long2ObjectHashMap<>(1024, 0.65f, false);

    @Override
    public Channel channel(long channelId) {
        return channels.get(channelId);
    }

    @Override
    public List<Channel> channels() {
        List<Channel> out = new ArrayList<>(channels.values());
        out.sort(Comparator.comparingLong(Channel::createdAt).thenComparingLong(Channel::channelId));
        return out;
    }

    @Override
    public DepositRecord deposit(long transferId) {
        return deposits.get(transferId);
    }

    @Override
    public WithdrawalRecord withdrawal(long withdrawalId) {
        return withdrawals.get(withdrawalId);
    }

    @Override
    public List<DepositRecord> deposits(long channelId, long fromNs, long toNs) {
        return depositsWhere(d -> d.channelId() == channelId && d.createdAt() >= fromNs && d.createdAt() < toNs);
    }

    @Override
    public List<DepositRecord> depositsOf(long userId) {
        return depositsWhere(d -> d.userId() == userId);
    }

    @Override
    public List<WithdrawalRecord> withdrawals(long channelId, long fromNs, long toNs, WithdrawalStatus status) {
        return withdrawalsWhere(w -> w.channelId() == channelId && w.createdAt() >= fromNs && w.createdAt() < toNs
                && (status == null || w.status() == status), Comparator.comparingLong(WithdrawalRecord::createdAt));
    }

    @Override
    public List<WithdrawalRecord> resolvedWithdrawals(long channelId, long fromNs, long toNs) {
        return withdrawalsWhere(w -> w.channelId() == channelId && w.resolvedAt() != 0 && w.resolvedAt() >= fromNs
                && w.resolvedAt() < toNs, Comparator.comparingLong(WithdrawalRecord::resolvedAt));
    }

    @Override
    public List<WithdrawalRecord> withdrawalsOf(long userId) {
        return withdrawalsWhere(w -> w.userId() == userId, Comparator.comparingLong(WithdrawalRecord::createdAt));
    }

    private List<DepositRecord> depositsWhere(Predicate<DepositRecord> p) {
        List<DepositRecord> out = new ArrayList<>();
        for (DepositRecord d : deposits.values()) {
            if (p.test(d)) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingLong(DepositRecord::createdAt).thenComparingLong(DepositRecord::transferId));
        return out;
    }

    private List<WithdrawalRecord> withdrawalsWhere(Predicate<WithdrawalRecord> p, Comparator<WithdrawalRecord> order) {
        List<WithdrawalRecord> out = new ArrayList<>();
        for (WithdrawalRecord w : withdrawals.values()) {
            if (p.test(w)) {
                out.add(w);
            }
        }
        out.sort(order.thenComparingLong(WithdrawalRecord::withdrawalId));
        return out;
    }
}
