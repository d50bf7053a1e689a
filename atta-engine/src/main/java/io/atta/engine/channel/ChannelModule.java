package io.atta.engine.channel;

import io.atta.core.command.ChannelFamily;
import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.Deposit;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.ResolveWithdrawal;
import io.atta.core.command.Result;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.ledger.PendingStatus;
import io.atta.engine.ledger.Postings;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The funding channels module: channels, deposits and withdrawals ({@link Channels}), changed by
 * {@link ChannelCommands} through the ledger's {@link Postings}; told by the ledger when a
 * withdrawal's pending transfer expires.
 */
public final class ChannelModule implements ShardModule {
    private final Channels channels = new Channels();
    private final ChannelCommands rules;
    private final Postings postings;

    public ChannelModule(ShardServices shard) {
        LedgerModule ledger = shard.module(LedgerModule.class);
        this.postings = ledger.postings();
        this.rules = new ChannelCommands(channels, postings);
        ledger.addExpiryHook(rules);
    }

    /** The read facade (under the shard's read lock). */
    public ChannelBook book() {
        return channels;
    }

    @Override
    public String name() {
        return "channel";
    }

    @Override
    public CommandFamily family() {
        return new ChannelFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        if (c instanceof Deposit d) {
            out[at] = rules.deposit(d, ts);
        } else if (c instanceof RequestWithdrawal w) {
            out[at] = rules.requestWithdrawal(w, ts);
            assert followsItsMoney(w.withdrawalId());
        } else if (c instanceof ResolveWithdrawal w) {
            out[at] = rules.resolveWithdrawal(w, ts);
            assert followsItsMoney(w.withdrawalId());
        } else if (c instanceof CreateChannel ch) {
            out[at] = rules.createChannel(ch, ts);
        } else {
            throw new IllegalArgumentException("not a channel command: " + c);
        }
    }

    /**
     * The invariant (checked where assertions are on, see {@code io.atta.engine.ledger.Invariants}):
     * a withdrawal's status follows its money — pending while its hold is pending, confirmed once
     * posted, failed once voided, expired once expired. Returns true; a broken one throws AssertionError.
     */
    private boolean followsItsMoney(long withdrawalId) {
        WithdrawalRecord w = channels.withdrawal(withdrawalId);
        PendingStatus money = postings.statusOf(withdrawalId);
        if (w == null || money == null) {
            return true; // no such withdrawal, or a repeat whose hold this batch did not load
        }
        WithdrawalStatus expected = money == PendingStatus.pending ? WithdrawalStatus.pending
                : money == PendingStatus.posted ? WithdrawalStatus.confirmed
                : money == PendingStatus.voided ? WithdrawalStatus.failed
                : money == PendingStatus.expired ? WithdrawalStatus.expired : null;
        if (w.status() != expected) {
            throw new AssertionError("invariant broken: withdrawal " + withdrawalId + " is " + w.status()
                    + " while its hold is " + money);
        }
        return true;
    }

    @Override
    public void prefetch(Command c) {
        if (c instanceof Deposit d) {
            postings.prefetchTransfer(d.transferId());
        } else if (c instanceof RequestWithdrawal w) {
            postings.prefetchTransfer(w.withdrawalId());
        } else if (c instanceof ResolveWithdrawal w) {
            postings.prefetchTransfer(ChannelMoney.resolutionId(w.withdrawalId()));
        }
    }

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        ChannelsSnapshot.write(channels, out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        ChannelsSnapshot.read(channels, in);
    }

    @Override
    public void clear() {
        ChannelsSnapshot.clear(channels);
    }

    @Override
    public long digest() {
        return ChannelsSnapshot.digest(channels);
    }
}
