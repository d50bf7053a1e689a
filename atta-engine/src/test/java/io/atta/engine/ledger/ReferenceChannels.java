package io.atta.engine.ledger;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.TransferFlags;
import io.atta.core.command.Adjust;
import io.atta.core.command.Command;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Deposit;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.ResolveWithdrawal;
import io.atta.core.command.Result;
import io.atta.engine.channel.Channel;
import io.atta.engine.channel.ChannelAccounts;
import io.atta.engine.channel.ChannelMoney;
import io.atta.engine.channel.DepositRecord;
import io.atta.engine.channel.WithdrawalRecord;
import io.atta.engine.channel.WithdrawalStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * The naive model of funding channels and operators' adjustments for {@link ReferenceLedger},
 * written from docs/API.md: plain maps of records, and every money movement a transfer through
 * the model's own transfer rules, so that the model's conservation is the model ledger's.
 */
final class ReferenceChannels {
    private final ReferenceLedger ledger;
    private final int homeSlot;
    final Map<Long, Channel> channels = new HashMap<>();
    final Map<Long, DepositRecord> deposits = new HashMap<>();
    final Map<Long, WithdrawalRecord> withdrawals = new HashMap<>();
    final Map<Long, Adjustment> adjustments = new HashMap<>();

    ReferenceChannels(ReferenceLedger ledger, int homeSlot) {
        this.ledger = ledger;
        this.homeSlot = homeSlot;
    }

    static boolean handles(Command c) {
        return c instanceof CreateChannel || c instanceof Deposit || c instanceof RequestWithdrawal
                || c instanceof ResolveWithdrawal || c instanceof Adjust;
    }

    Result apply(Command c, long ts) {
        if (c instanceof CreateChannel ch) {
            return createChannel(ch, ts);
        } else if (c instanceof Deposit d) {
            return deposit(d, ts);
        } else if (c instanceof RequestWithdrawal w) {
            return request(w, ts);
        } else if (c instanceof ResolveWithdrawal r) {
            return resolve(r, ts);
        }
        return adjust((Adjust) c, ts);
    }

    /** The ledger's tick expired pending transfer {@code id}: a pending withdrawal of that id expired. */
    void expired(long id, long ts) {
        WithdrawalRecord w = withdrawals.get(id);
        if (w != null && w.status() == WithdrawalStatus.pending) {
            withdrawals.put(id, with(w, WithdrawalStatus.expired, ts, ""));
        }
    }

    private Result createChannel(CreateChannel c, long ts) {
        if (c.channelId() == 0) {
            return Result.id_must_not_be_zero;
        }
        Channel e = channels.get(c.channelId());
        if (e != null) {
            return e.name().equals(c.name()) && e.ledger() == c.ledger() ? Result.exists
                    : Result.exists_with_different_fields;
        }
        if (!Ids.isUserRange(c.channelId())) {
            return Result.account_id_reserved;
        }
        if (Currency.ofLedger(c.ledger()) == null) {
            return Result.currency_mismatch;
        }
        long clearing = ChannelAccounts.clearingId(c.channelId(), homeSlot);
        if (ledger.accounts.containsKey(clearing)) {
            return Result.exists_with_different_fields;
        }
        ledger.accounts.put(clearing, new ReferenceLedger.Acct(clearing, 0, c.ledger(), ChannelAccounts.clearingCode,
                AccountFlags.history, c.channelId(), ts, 0, 0, 0, 0));
        channels.put(c.channelId(), new Channel(c.channelId(), c.name(), c.ledger(), ts));
        return Result.ok;
    }

    private Result deposit(Deposit d, long ts) {
        if (d.transferId() == 0) {
            return Result.id_must_not_be_zero;
        }
        if (d.transferId() < 0) {
            return Result.transfer_id_reserved;
        }
        DepositRecord e = deposits.get(d.transferId());
        if (e != null) {
            return e.channelId() == d.channelId() && e.userId() == d.userId() && e.amount() == d.amount()
                    && e.ledger() == d.ledger() && e.channelRef().equals(d.channelRef()) ? Result.exists
                    : Result.exists_with_different_fields;
        }
        Result r = parties(d.userId(), d.channelId(), d.amount(), d.ledger());
        if (r != Result.ok) {
            return r;
        }
        long wallet = ledger.users.get(d.userId()).wallet();
        r = ledger.createTransfer(new CreateTransfer(d.transferId(), clearing(d.channelId()), wallet, d.amount(),
                d.ledger(), ChannelMoney.depositCode, 0, 0, 0, d.channelId(), 0), ts);
        if (r == Result.ok) {
            deposits.put(d.transferId(), new DepositRecord(d.transferId(), d.channelId(), d.userId(), wallet,
                    d.amount(), d.ledger(), d.channelRef(), ts));
        }
        return r;
    }

    private Result request(RequestWithdrawal w, long ts) {
        if (w.withdrawalId() == 0) {
            return Result.id_must_not_be_zero;
        }
        if (w.withdrawalId() < 0) {
            return Result.transfer_id_reserved;
        }
        long timeout = w.timeoutSeconds() == 0 ? Limits.defaultWithdrawalTimeoutSeconds : w.timeoutSeconds();
        WithdrawalRecord e = withdrawals.get(w.withdrawalId());
        if (e != null) {
            return e.channelId() == w.channelId() && e.userId() == w.userId() && e.amount() == w.amount()
                    && e.ledger() == w.ledger() && e.requestId().equals(w.requestId())
                    && e.expiresAt() == e.createdAt() + timeout * 1_000_000_000L ? Result.exists
                    : Result.exists_with_different_fields;
        }
        Result r = parties(w.userId(), w.channelId(), w.amount(), w.ledger());
        if (r != Result.ok) {
            return r;
        }
        long wallet = ledger.users.get(w.userId()).wallet();
        r = ledger.createTransfer(new CreateTransfer(w.withdrawalId(), wallet, clearing(w.channelId()), w.amount(),
                w.ledger(), ChannelMoney.withdrawalCode, TransferFlags.pending, 0, (int) timeout, w.channelId(),
                w.userId()), ts);
        if (r == Result.ok) {
            withdrawals.put(w.withdrawalId(), new WithdrawalRecord(w.withdrawalId(), w.channelId(), w.userId(), wallet,
                    w.amount(), w.ledger(), w.requestId(), WithdrawalStatus.pending, ts,
                    ts + timeout * 1_000_000_000L, 0, ""));
        }
        return r;
    }

    private Result resolve(ResolveWithdrawal c, long ts) {
        WithdrawalRecord w = withdrawals.get(c.withdrawalId());
        if (w == null || w.channelId() != c.channelId()) {
            return Result.withdrawal_not_found;
        }
        WithdrawalStatus answer = c.confirm() ? WithdrawalStatus.confirmed : WithdrawalStatus.failed;
        if (w.status() != WithdrawalStatus.pending) {
            return w.status() == answer ? Result.exists : Result.withdrawal_not_pending;
        }
        if (ts >= w.expiresAt()) {
            return Result.withdrawal_not_pending;
        }
        Result r = ledger.createTransfer(new CreateTransfer(ChannelMoney.resolutionId(w.withdrawalId()), 0, 0, 0, 0, 0,
                c.confirm() ? TransferFlags.postPending : TransferFlags.voidPending, w.withdrawalId(), 0,
                w.channelId(), 0), ts, true);
        if (r == Result.ok) {
            withdrawals.put(w.withdrawalId(), with(w, answer, ts, c.channelRef()));
        }
        return r;
    }

    private Result adjust(Adjust a, long ts) {
        if (a.transferId() == 0) {
            return Result.id_must_not_be_zero;
        }
        if (a.transferId() < 0) {
            return Result.transfer_id_reserved;
        }
        Adjustment e = adjustments.get(a.transferId());
        if (e != null) {
            return e.userId() == a.userId() && e.amount() == a.amount() && e.ledger() == a.ledger()
                    && e.credit() == a.credit() && e.reason().equals(a.reason()) ? Result.exists
                    : Result.exists_with_different_fields;
        }
        if (a.userId() > 0 && !ledger.ownsSlot(Ids.slotOf(a.userId()))) {
            return Result.accounts_on_different_shards;
        }
        ReferenceLedger.Person p = ledger.users.get(a.userId());
        if (p == null) {
            return Result.user_not_found;
        }
        Currency currency = Currency.ofLedger(a.ledger());
        if (currency == null) {
            return Result.currency_mismatch;
        }
        long bank = HouseAccount.bankFunding.id(homeSlot, currency);
        Result r = ledger.createTransfer(a.credit()
                ? new CreateTransfer(a.transferId(), bank, p.wallet(), a.amount(), a.ledger(), 9001, 0, 0, 0, 0, 0)
                : new CreateTransfer(a.transferId(), p.wallet(), bank, a.amount(), a.ledger(), 9002, 0, 0, 0, 0, 0), ts);
        if (r == Result.ok) {
            adjustments.put(a.transferId(), new Adjustment(a.transferId(), a.userId(), p.wallet(), a.amount(),
                    a.ledger(), a.credit(), a.actingKeyId(), a.reason(), ts));
        }
        return r;
    }

    private Result parties(long userId, long channelId, long amount, int ledgerId) {
        if (userId > 0 && !ledger.ownsSlot(Ids.slotOf(userId))) {
            return Result.accounts_on_different_shards;
        }
        ReferenceLedger.Person p = ledger.users.get(userId);
        if (p == null) {
            return Result.user_not_found;
        }
        Channel ch = channels.get(channelId);
        if (ch == null) {
            return Result.channel_not_found;
        }
        if (amount <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (ch.ledger() != ledgerId || ledger.accounts.get(p.wallet()).ledger() != ledgerId) {
            return Result.currency_mismatch;
        }
        return Result.ok;
    }

    private long clearing(long channelId) {
        return ChannelAccounts.clearingId(channelId, homeSlot);
    }

    private static WithdrawalRecord with(WithdrawalRecord w, WithdrawalStatus s, long ts, String ref) {
        return new WithdrawalRecord(w.withdrawalId(), w.channelId(), w.userId(), w.walletAccountId(), w.amount(),
                w.ledger(), w.requestId(), s, w.createdAt(), w.expiresAt(), ts, ref);
    }
}
