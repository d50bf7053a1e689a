package io.atta.engine.ledger;

import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;

/**
 * The ledger's transfers as the other domains of the state machine (trades) use them while a
 * batch is applied: a group of transfers that stands or falls together, and accounts the
 * platform opens for someone. Only the applying thread may call it, from within
 * {@link ShardLedger#apply}.
 */
public final class Postings {
    private final LedgerModule l;

    Postings(LedgerModule l) {
        this.l = l;
    }

    /** Notes a stored transfer the batch's command will look up (from a module's prefetch). */
    public void prefetchTransfer(long id) {
        l.batch.prefetchTransfer(id);
    }

    /** The status of the transfer with this id as the batch sees it (one it loaded or wrote, or an open pending one), or null. */
    public PendingStatus statusOf(long transferId) {
        TransferRecord r = l.findTransfer(transferId);
        return r == null ? null : r.status();
    }

    /** Starts a group: every transfer until {@link #end} is taken back by {@link #rollBack}. */
    public void begin() {
        l.batch.beginGroup();
    }

    /**
     * Applies a transfer (or posts or voids a pending one) as part of the group. Its id, and a
     * pending id it names, are in the platform's range ({@link io.atta.core.Ids#platformId}, in a
     * slot of this shard): no command may post or void a pending transfer in that range, so only
     * these rules can resolve what they hold.
     */
    public Result transfer(CreateTransfer t, long ts) {
        return TransferCommands.platformTransfer(l, t, ts);
    }

    /**
     * Applies a transfer (or posts or voids a pending one) whose positive id the edge derived for
     * a platform rule's command (a deposit, a withdrawal and the channel's answer to it), as part
     * of the group: checked as any transfer is, a repeat of its id included. A pending transfer
     * with an id in the platform's range is resolved only this way.
     */
    public Result derivedTransfer(CreateTransfer t, long ts) {
        return TransferCommands.derivedTransfer(l, t, ts);
    }

    /** One transfer as a group of its own: it stands, or it is refused and changes nothing. */
    public Result alone(CreateTransfer t, long ts) {
        begin();
        Result r = transfer(t, ts);
        if (r != Result.ok) {
            rollBack();
        }
        end();
        return r;
    }

    /** The module paying by the {@link io.atta.core.Funding} of {@code code}, or null when none does. */
    public FundingSource fundingSource(int code) {
        return l.fundingSource(code);
    }

    /** Inside a group: a payment went back into a wallet; tells the funding sources (see {@link FundingSource#givenBack}). */
    public void givenBack(long userId, long walletId, long amount, int ledger, long reference, long ts) {
        l.givenBack(userId, walletId, amount, ledger, reference, ts);
    }

    /** Takes back every change of the group. Call {@link #end} after it. */
    public void rollBack() {
        l.batch.rollBackGroup();
    }

    /** Ends the group: what was not rolled back stands. */
    public void end() {
        l.batch.endGroup();
    }

    /**
     * Opens an account owned by the platform (owner 0, so no user key can move it) on this shard,
     * as part of the group; false if the id is taken.
     */
    public boolean openPlatformAccount(long id, int ledger, int code, int flags, long userData, long ts) {
        if (l.accounts.containsKey(id)) {
            return false;
        }
        l.accounts.put(id, new Account(id, 0, ledger, code, flags, userData, ts));
        l.batch.undo.add(() -> l.accounts.remove(id));
        return true;
    }

    /** True when this shard has an account with this id. */
    public boolean accountExists(long id) {
        return l.accounts.containsKey(id);
    }

    /** The account's owner, or -1 when there is no such account. */
    public long ownerOf(long accountId) {
        Account a = l.accounts.get(accountId);
        return a == null ? -1 : a.ownerUserId;
    }

    /** True when the account exists and is closed. */
    public boolean isClosed(long accountId) {
        Account a = l.accounts.get(accountId);
        return a != null && a.isClosed();
    }

    /** The shard's home slot, where its house accounts live. */
    public int homeSlot() {
        return l.homeSlot;
    }

    /** True when this shard serves the slot. */
    public boolean ownsSlot(int slot) {
        return l.ownsSlot.test(slot);
    }

    /** The user's wallet account, or 0 when this shard has no such user. */
    public long walletOf(long userId) {
        User u = l.users.get(userId);
        return u == null ? 0 : u.walletAccountId();
    }

    /** The account's ledger (currency), or 0 when there is no such account. */
    public int ledgerOf(long accountId) {
        Account a = l.accounts.get(accountId);
        return a == null ? 0 : a.ledger;
    }

    /** True when this shard has the user. */
    public boolean userExists(long userId) {
        return l.users.containsKey(userId);
    }
}
