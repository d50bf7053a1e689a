package io.atta.engine.channel;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.TransferFlags;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Deposit;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.ResolveWithdrawal;
import io.atta.core.command.Result;
import io.atta.engine.ledger.PendingExpiry;
import io.atta.engine.ledger.Postings;
import io.atta.engine.ledger.TransferRecord;

/**
 * The rules of funding channels (docs/API.md, Channels): money enters the platform only as a
 * deposit a channel posts, and leaves only as a withdrawal the user asks for and the channel
 * confirms. Each moves money through the ledger's transfers between the channel's clearing
 * account on this shard and the user's wallet, so history, undo and conservation hold as for
 * any transfer; the records here say what the transfers were for.
 */
public final class ChannelCommands implements PendingExpiry {
    private final Channels book;
    private final Postings postings;

    public ChannelCommands(Channels book, Postings postings) {
        this.book = book;
        this.postings = postings;
    }

    /** Records the channel on this shard and opens its clearing account here. */
    public Result createChannel(CreateChannel c, long ts) {
        if (c.channelId() == 0) {
            return Result.id_must_not_be_zero;
        }
        Channel existing = book.channels.get(c.channelId());
        if (existing != null) {
            return existing.name().equals(c.name()) && existing.ledger() == c.ledger() ? Result.exists
                    : Result.exists_with_different_fields;
        }
        if (!Ids.isUserRange(c.channelId())) {
            return Result.account_id_reserved;
        }
        if (Currency.ofLedger(c.ledger()) == null) {
            return Result.currency_mismatch;
        }
        long clearing = ChannelAccounts.clearingId(c.channelId(), postings.homeSlot());
        postings.begin();
        boolean opened = postings.openPlatformAccount(clearing, c.ledger(), ChannelAccounts.clearingCode,
                AccountFlags.history, c.channelId(), ts);
        postings.end();
        if (!opened) {
            // Another account took the clearing account's id: the edge draws channel ids again.
            return Result.exists_with_different_fields;
        }
        book.channels.put(c.channelId(), new Channel(c.channelId(), c.name(), c.ledger(), ts));
        return Result.ok;
    }

    /** Money in: the channel's clearing account to the user's wallet, once per transfer id. */
    public Result deposit(Deposit d, long ts) {
        if (d.transferId() == 0) {
            return Result.id_must_not_be_zero;
        }
        if (d.transferId() < 0) {
            return Result.transfer_id_reserved;
        }
        DepositRecord existing = book.deposits.get(d.transferId());
        if (existing != null) {
            boolean same = existing.channelId() == d.channelId() && existing.userId() == d.userId()
                    && existing.amount() == d.amount() && existing.ledger() == d.ledger()
                    && existing.channelRef().equals(d.channelRef());
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        Result r = checkParties(d.userId(), d.channelId(), d.amount(), d.ledger());
        if (r != Result.ok) {
            return r;
        }
        long wallet = postings.walletOf(d.userId());
        long clearing = ChannelAccounts.clearingId(d.channelId(), postings.homeSlot());
        r = move(new CreateTransfer(d.transferId(), clearing, wallet, d.amount(), d.ledger(), ChannelMoney.depositCode,
                0, 0, 0, d.channelId(), 0), ts);
        if (r == Result.ok) {
            book.deposits.put(d.transferId(), new DepositRecord(d.transferId(), d.channelId(), d.userId(), wallet,
                    d.amount(), d.ledger(), d.channelRef(), ts));
        }
        return r;
    }

    /**
     * Money out, first half: a pending transfer from the user's wallet to the channel's clearing
     * account (the wallet's limit applies), voided by the ledger when the timeout passes.
     */
    public Result requestWithdrawal(RequestWithdrawal w, long ts) {
        if (w.withdrawalId() == 0) {
            return Result.id_must_not_be_zero;
        }
        if (w.withdrawalId() < 0) {
            return Result.transfer_id_reserved;
        }
        int timeout = w.timeoutSeconds() == 0 ? Limits.defaultWithdrawalTimeoutSeconds : w.timeoutSeconds();
        WithdrawalRecord existing = book.withdrawals.get(w.withdrawalId());
        if (existing != null) {
            boolean same = existing.channelId() == w.channelId() && existing.userId() == w.userId()
                    && existing.amount() == w.amount() && existing.ledger() == w.ledger()
                    && existing.requestId().equals(w.requestId())
                    && existing.expiresAt() - existing.createdAt() == timeout * 1_000_000_000L;
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        Result r = checkParties(w.userId(), w.channelId(), w.amount(), w.ledger());
        if (r != Result.ok) {
            return r;
        }
        long wallet = postings.walletOf(w.userId());
        long clearing = ChannelAccounts.clearingId(w.channelId(), postings.homeSlot());
        CreateTransfer hold = new CreateTransfer(w.withdrawalId(), wallet, clearing, w.amount(), w.ledger(),
                ChannelMoney.withdrawalCode, TransferFlags.pending, 0, timeout, w.channelId(), w.userId());
        r = move(hold, ts);
        if (r == Result.ok) {
            book.withdrawals.put(w.withdrawalId(), new WithdrawalRecord(w.withdrawalId(), w.channelId(), w.userId(),
                    wallet, w.amount(), w.ledger(), w.requestId(), WithdrawalStatus.pending, ts,
                    ts + timeout * 1_000_000_000L, 0, ""));
        }
        return r;
    }

    /**
     * Money out, second half: the channel confirms (the pending transfer is posted: the money
     * left) or fails it (voided: the money is back in the wallet). Only the withdrawal's own
     * channel answers it, once; the same answer again is {@code exists}.
     */
    public Result resolveWithdrawal(ResolveWithdrawal c, long ts) {
        WithdrawalRecord w = book.withdrawals.get(c.withdrawalId());
        if (w == null || w.channelId() != c.channelId()) {
            return Result.withdrawal_not_found;
        }
        if (w.status() != WithdrawalStatus.pending) {
            WithdrawalStatus asked = c.confirm() ? WithdrawalStatus.confirmed : WithdrawalStatus.failed;
            return w.status() == asked ? Result.exists : Result.withdrawal_not_pending;
        }
        if (ts >= w.expiresAt()) {
            // Expired; the next tick voids it and marks it so.
            return Result.withdrawal_not_pending;
        }
        int flags = c.confirm() ? TransferFlags.postPending : TransferFlags.voidPending;
        Result r = move(new CreateTransfer(ChannelMoney.resolutionId(w.withdrawalId()), 0, 0, 0, 0, 0, flags,
                w.withdrawalId(), 0, w.channelId(), 0), ts);
        if (r == Result.ok) {
            book.withdrawals.put(w.withdrawalId(), resolved(w, c.confirm() ? WithdrawalStatus.confirmed
                    : WithdrawalStatus.failed, ts, c.channelRef()));
        }
        return r;
    }

    /** The ledger voided a pending transfer whose timeout passed: if it held a withdrawal, that expired. */
    @Override
    public void expired(TransferRecord transfer, long ts) {
        WithdrawalRecord w = book.withdrawals.get(transfer.id());
        if (w != null && w.status() == WithdrawalStatus.pending) {
            book.withdrawals.put(w.withdrawalId(), resolved(w, WithdrawalStatus.expired, ts, ""));
        }
    }

    private static WithdrawalRecord resolved(WithdrawalRecord w, WithdrawalStatus status, long ts, String channelRef) {
        return new WithdrawalRecord(w.withdrawalId(), w.channelId(), w.userId(), w.walletAccountId(), w.amount(),
                w.ledger(), w.requestId(), status, w.createdAt(), w.expiresAt(), ts, channelRef);
    }

    /** What a deposit and a withdrawal both need: the user here, the channel known, one currency, an amount. */
    private Result checkParties(long userId, long channelId, long amount, int ledger) {
        if (userId > 0 && !postings.ownsSlot(Ids.slotOf(userId))) {
            return Result.accounts_on_different_shards;
        }
        long wallet = postings.walletOf(userId);
        if (wallet == 0) {
            return Result.user_not_found;
        }
        Channel channel = book.channels.get(channelId);
        if (channel == null) {
            return Result.channel_not_found;
        }
        if (amount <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (channel.ledger() != ledger || postings.ledgerOf(wallet) != ledger) {
            return Result.currency_mismatch;
        }
        return Result.ok;
    }

    /** One transfer as its own group: it stands, or nothing changed. */
    private Result move(CreateTransfer t, long ts) {
        postings.begin();
        Result r = postings.derivedTransfer(t, ts);
        if (r != Result.ok) {
            postings.rollBack();
        }
        postings.end();
        return r;
    }
}
