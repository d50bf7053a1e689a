package io.atta.engine.ledger;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Funding;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.Adjust;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.FundWallet;
import io.atta.core.command.FundedTransfer;
import io.atta.core.command.LedgerFamily;
import io.atta.core.command.ReopenAccount;
import io.atta.core.command.Result;
import io.atta.engine.shard.InMemoryRecordArchive;
import io.atta.engine.shard.RecordArchive;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.shard.UndoLog;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The ledger module: accounts, users, transfers, pending transfers and their expiry, and
 * operators' adjustments (docs/ARCHITECTURE.md §3). Its state is its own: the rules that change
 * it are {@link AccountCommands}, {@link TransferCommands}, {@link CrossShardPieces} and
 * {@link Adjustments} in this package; other modules use the ledger through {@link Postings}
 * and its hooks ({@link PendingExpiry}, {@link UserHook}, {@link AccountGuard}), and read it
 * through its public methods. What one batch reads from and writes to the {@link TransferStore}
 * is kept in its {@link BatchScratch}.
 */
public final class LedgerModule implements ShardModule {
    final int shardId;
    final int homeSlot;
    final IntPredicate ownsSlot;
    private final TransferStore store;
    private final RecordArchive archive;

    // Primitive maps; iterators are allocated per use (shouldAvoidAllocation=false) because
    // concurrent readers iterate under the shared read lock.
    final Long2ObjectHashMap<Account> accounts = new Long2ObjectHashMap<>(1024, 0.65f, false);
    final Long2ObjectHashMap<User> users = new Long2ObjectHashMap<>(1024, 0.65f, false);
    final Long2ObjectHashMap<TransferRecord> openPending = new Long2ObjectHashMap<>(1024, 0.65f, false);
    final TreeSet<Expiry> expiries = new TreeSet<>();
    final Adjustments adjustments = new Adjustments();
    final BatchScratch batch;
    /** Checked after every batch where assertions are enabled (tests): see {@link Invariants}. */
    final Invariants invariants = new Invariants(this);
    private final Postings postings;
    private final CrossShardLedger crossShard;
    /** The domains told when a tick voids an expired pending transfer. */
    private final List<PendingExpiry> expiryHooks = new ArrayList<>();
    private final List<UserHook> userHooks = new ArrayList<>();
    private final List<AccountGuard> accountGuards = new ArrayList<>();
    /** By {@link Funding} code; null where no module pays (the wallet is the ledger's own). */
    private final FundingSource[] fundingSources = new FundingSource[Funding.values().length];
    /** The domains that screen user-initiated transfers, and the one screening reused for each. */
    final List<TransferScreen> screens = new ArrayList<>();
    final TransferScreen.Screening screening = new TransferScreen.Screening();
    long historyDigest;

    record Expiry(long expiresAt, long transferId) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            int c = Long.compare(expiresAt, o.expiresAt);
            return c != 0 ? c : Long.compare(transferId, o.transferId);
        }
    }

    public LedgerModule(ShardServices shard, TransferStore store) {
        this.shardId = shard.shardId();
        this.homeSlot = shard.homeSlot();
        this.ownsSlot = shard.slots();
        this.store = store;
        this.archive = store instanceof RecordArchive a ? a
                : new InMemoryRecordArchive();
        this.batch = new BatchScratch(store, shard.undo(), shard.events());
        this.postings = new Postings(this);
        this.crossShard = new CrossShardLedger(this);
        addHouseAccounts();
    }

    private void addHouseAccounts() {
        for (Currency c : Currency.values()) {
            for (HouseAccount h : HouseAccount.values()) {
                addHouseAccount(h.id(homeSlot, c), c);
                if (h.swept() && ownsSlot.test(HouseAccount.globalHomeSlot)) {
                    addHouseAccount(h.globalId(c), c);
                }
            }
        }
    }

    private void addHouseAccount(long id, Currency c) {
        accounts.put(id, new Account(id, 0, c.ledger(), HouseAccount.accountCode, AccountFlags.history, 0, 0));
    }

    // ---- The ledger's API for other modules ----

    /** Transfers and accounts as other modules' rules use them while a batch is applied. */
    public Postings postings() {
        return postings;
    }

    /** Transfers and outcomes as the cross-shard transactions module uses them. */
    public CrossShardLedger crossShard() {
        return crossShard;
    }

    public void addExpiryHook(PendingExpiry hook) {
        expiryHooks.add(hook);
    }

    public void addUserHook(UserHook hook) {
        userHooks.add(hook);
    }

    public void addAccountGuard(AccountGuard guard) {
        accountGuards.add(guard);
    }

    /** Registers the module that pays for users by {@code funding}: one per source, set when it is built. */
    public void addFundingSource(Funding funding, FundingSource source) {
        if (funding == Funding.wallet || fundingSources[funding.ordinal()] != null) {
            throw new IllegalStateException("the funding source " + funding + " is the wallet's or taken");
        }
        fundingSources[funding.ordinal()] = source;
    }

    /** The module paying by the {@link Funding} of {@code code}, or null when none does (the wallet included). */
    public FundingSource fundingSource(int code) {
        return Funding.hasCode(code) ? fundingSources[Funding.ofCode(code).ordinal()] : null;
    }

    /** Tells every funding source that a payment went back into a wallet (see {@link FundingSource#givenBack}). */
    public void givenBack(long userId, long walletId, long amount, int ledger, long reference, long ts) {
        for (FundingSource s : fundingSources) {
            if (s != null) {
                s.givenBack(userId, walletId, amount, ledger, reference, ts);
            }
        }
    }

    /** Adds a screen of user-initiated transfers (see {@link TransferScreen}). */
    public void addTransferScreen(TransferScreen screen) {
        screens.add(screen);
    }

    UndoLog undo() {
        return batch.undo;
    }

    private void prefetchFunding(int funding, long reference) {
        FundingSource source = fundingSource(funding);
        long id = source == null ? 0 : source.transferIdFor(reference);
        if (id != 0) {
            batch.prefetchTransfer(id);
        }
    }

    /**
     * A plain transfer out of a user's wallet, funded by a source other than the wallet, all or
     * nothing. A repeat of the transfer answers as the transfer does, without funding anything.
     */
    private Result fundedTransfer(FundedTransfer f, long ts) {
        CreateTransfer t = f.transfer();
        if (findTransfer(t.id()) != null) {
            return TransferCommands.createTransfer(this, t, ts, false, null, 0);
        }
        Result refused = fundable(f.funding(), t);
        if (refused != Result.ok) {
            return refused;
        }
        FundingSource source = fundingSource(f.funding());
        long payer = accounts.get(t.debitAccountId()).ownerUserId;
        source.catchUp(ts);
        batch.beginGroup();
        Result r = source.fund(payer, t.debitAccountId(), t.amount(), t.ledger(), t.id(), ts);
        if (r == Result.ok) {
            r = TransferCommands.createTransfer(this, t, ts, true, null, 0);
        }
        if (r != Result.ok) {
            batch.rollBackGroup();
        }
        batch.endGroup();
        return r;
    }

    /** Why a funded transfer may not be made at all, or ok: it must be plain, out of its payer's own wallet. */
    private Result fundable(int funding, CreateTransfer t) {
        if (fundingSource(funding) == null) {
            return Result.funding_source_unsupported;
        }
        if (t.flags() != 0 || t.pendingId() != 0) {
            return Result.flags_unknown;
        }
        if (t.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        Account debit = accounts.get(t.debitAccountId());
        if (debit == null) {
            return Result.account_not_found;
        }
        if (postings.walletOf(debit.ownerUserId) != debit.id) {
            return Result.funding_source_unsupported;
        }
        return Result.ok;
    }

    /** A source puts money into a wallet for a payment the caller makes next, once per reference. */
    private Result fundWallet(FundWallet f, long ts) {
        FundingSource source = fundingSource(f.funding());
        if (source == null) {
            return Result.funding_source_unsupported;
        }
        if (f.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        long wallet = f.userId() > 0 && ownsSlot.test(Ids.slotOf(f.userId())) ? postings.walletOf(f.userId()) : 0;
        if (wallet == 0) {
            return Result.user_not_found;
        }
        source.catchUp(ts);
        batch.beginGroup();
        Result r = source.fund(f.userId(), wallet, f.amount(), f.ledger(), f.reference(), ts);
        if (r != Result.ok) {
            batch.rollBackGroup();
        }
        batch.endGroup();
        return r;
    }

    // ---- ShardModule ----

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public CommandFamily family() {
        return new LedgerFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        if (c instanceof CreateTransfer t) {
            out[at] = TransferCommands.createTransfer(this, t, ts, batch.undo.grouping(), null, 0);
        } else if (c instanceof CreateAccount a) {
            out[at] = AccountCommands.createAccount(this, a, ts);
        } else if (c instanceof CreateUser u) {
            out[at] = createUser(u, ts);
        } else if (c instanceof CloseAccount x) {
            out[at] = AccountCommands.closeAccount(this, x);
        } else if (c instanceof ReopenAccount x) {
            out[at] = AccountCommands.reopenAccount(this, x);
        } else if (c instanceof Adjust a) {
            out[at] = adjustments.adjust(this, a, ts);
        } else if (c instanceof FundedTransfer f) {
            out[at] = fundedTransfer(f, ts);
        } else if (c instanceof FundWallet f) {
            out[at] = fundWallet(f, ts);
        } else {
            throw new IllegalArgumentException("not a ledger command: " + c);
        }
    }

    @Override
    public void prefetch(Command c) {
        if (c instanceof CreateTransfer t) {
            batch.prefetchTransfer(t.id());
            if (t.pendingId() != 0 && !openPending.containsKey(t.pendingId())) {
                batch.prefetchTransfer(t.pendingId());
            }
        } else if (c instanceof Adjust a) {
            batch.prefetchTransfer(a.transferId());
        } else if (c instanceof FundedTransfer f) {
            batch.prefetchTransfer(f.transfer().id());
            prefetchFunding(f.funding(), f.transfer().id());
        } else if (c instanceof FundWallet f) {
            prefetchFunding(f.funding(), f.reference());
        }
    }

    /**
     * Where modules archive their final records: the shard's history store when it keeps them
     * (a server's, {@link InMemoryTransferStore}), else a map of this shard's own.
     */
    public RecordArchive archive() {
        return archive;
    }

    @Override
    public void beforeApply() {
        batch.load();
    }

    @Override
    public void afterApply() {
        for (TransferRecord r : batch.writes) {
            historyDigest = StateHash.mix(historyDigest, r);
        }
        assert invariants.batchApplied(batch.writes);
        batch.commit();
    }

    @Override
    public boolean linksNext(Command c) {
        return c instanceof CreateTransfer t && (t.flags() & TransferFlags.linked) != 0;
    }

    @Override
    public boolean chainable(Command c) {
        return c instanceof CreateTransfer;
    }

    @Override
    public void tick(long ts) {
        TransferCommands.tick(this, ts);
    }

    @Override
    public long nextDueAt() {
        return nextExpiryAt();
    }

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        LedgerSnapshot.writeLedger(this, out);
        adjustments.write(out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        LedgerSnapshot.readLedger(this, in);
        adjustments.read(in);
    }

    @Override
    public void clear() {
        accounts.clear();
        users.clear();
        openPending.clear();
        expiries.clear();
        adjustments.byTransferId.clear();
        historyDigest = 0;
        addHouseAccounts();
    }

    @Override
    public long digest() {
        return StateHash.of(this);
    }

    /**
     * A user with its wallet, and its own token as its key. An id a key already has is refused
     * (the edge draws another): the user's token would otherwise be that key.
     */
    private Result createUser(CreateUser u, long ts) {
        if (u.userId() != 0 && !users.containsKey(u.userId())) {
            for (int i = 0; i < userHooks.size(); i++) {
                if (userHooks.get(i).idTaken(u.userId())) {
                    return Result.exists_with_different_fields;
                }
            }
        }
        Result r = AccountCommands.createUser(this, u, ts);
        if (r == Result.ok) {
            User made = users.get(u.userId());
            for (int i = 0; i < userHooks.size(); i++) {
                userHooks.get(i).userCreated(made);
            }
        }
        return r;
    }

    /** Why a domain still needs the account (checked before its money), or ok. */
    Result usedByADomain(Account a) {
        for (int i = 0; i < accountGuards.size(); i++) {
            Result r = accountGuards.get(i).inUse(a.id, a.ownerUserId);
            if (r != Result.ok) {
                return r;
            }
        }
        return Result.ok;
    }

    /** Why a domain still needs the user's wallet (checked after its money), or ok. */
    Result walletNeededByADomain(long userId) {
        for (int i = 0; i < accountGuards.size(); i++) {
            Result r = accountGuards.get(i).walletNeeded(userId);
            if (r != Result.ok) {
                return r;
            }
        }
        return Result.ok;
    }

    /** Tells the domains that listen that a tick voided an expired pending transfer (see {@link PendingExpiry}). */
    void pendingExpired(TransferRecord expired, long ts) {
        for (int i = 0; i < expiryHooks.size(); i++) {
            expiryHooks.get(i).expired(expired, ts);
        }
    }

    /** The transfer with this id as the batch sees it: one it loaded or wrote, else an open pending one. */
    TransferRecord findTransfer(long id) {
        TransferRecord r = batch.known.get(id);
        return r != null ? r : openPending.get(id);
    }

    // ---- Reads (callers keep the applying thread out while they read) ----

    public AccountState account(long id) {
        Account a = accounts.get(id);
        return a == null ? null : a.state();
    }

    public User user(long id) {
        return users.get(id);
    }

    /** Every user, in id order. */
    public List<User> usersInIdOrder() {
        List<Long> ids = new ArrayList<>(users.keySet());
        Collections.sort(ids);
        List<User> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            out.add(users.get(id));
        }
        return out;
    }

    /** The open pending transfer with this id, or null. */
    public TransferRecord openPendingTransfer(long id) {
        return openPending.get(id);
    }

    public int accountCount() {
        return accounts.size();
    }

    public int userCount() {
        return users.size();
    }

    public int openPendingCount() {
        return openPending.size();
    }

    /** The recorded decision on a transaction this shard coordinated, or null if none was made. */
    public TransactionOutcome storedOutcome(long txId) {
        Long2ObjectHashMap<TransactionOutcome> found = new Long2ObjectHashMap<>();
        store.loadOutcomes(new long[] {txId}, 1, found);
        return found.get(txId);
    }

    /** When the earliest open pending transfer expires (ns), or {@link Long#MAX_VALUE} if none will. */
    public long nextExpiryAt() {
        return expiries.isEmpty() ? Long.MAX_VALUE : expiries.first().expiresAt();
    }

    /** The operator's adjustment made as transfer {@code transferId} on this shard, or null. */
    public Adjustment adjustment(long transferId) {
        return adjustments.byTransferId.get(transferId);
    }

    /** Copies of every account, in no particular order. */
    public List<AccountState> accounts() {
        List<AccountState> out = new ArrayList<>(accounts.size());
        for (Account a : accounts.values()) {
            out.add(a.state());
        }
        return out;
    }

    /** Per ledger: {debitsPosted, creditsPosted, debitsPending, creditsPending} summed over every account, modulo 2^64. */
    public Map<Integer, long[]> totalsByLedger() {
        Map<Integer, long[]> out = new HashMap<>();
        for (Account a : accounts.values()) {
            long[] t = out.computeIfAbsent(a.ledger, k -> new long[4]);
            t[0] += a.debitsPosted;
            t[1] += a.creditsPosted;
            t[2] += a.debitsPending;
            t[3] += a.creditsPending;
        }
        return out;
    }
}
