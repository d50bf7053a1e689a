package io.atta.engine.ledger;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.FinishTransaction;
import io.atta.core.command.PrepareTransaction;
import io.atta.core.command.ResolveTransaction;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;

import io.atta.core.command.Adjust;
import io.atta.core.command.BindTradeBuyer;
import io.atta.core.command.CreateApp;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.CreateKey;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.Deposit;
import io.atta.core.command.PayTrade;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.ReopenAccount;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.ResolveWithdrawal;
import io.atta.core.command.RevokeKey;
import io.atta.core.command.TradeAction;
import io.atta.engine.access.KeyBook;
import io.atta.engine.access.KeyCommands;
import io.atta.engine.access.Keys;
import io.atta.engine.channel.ChannelBook;
import io.atta.engine.channel.ChannelCommands;
import io.atta.engine.channel.Channels;
import io.atta.engine.trade.App;
import io.atta.engine.trade.TradeBook;
import io.atta.engine.trade.TradeCommands;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * One shard's ledger: the deterministic state machine of docs/ARCHITECTURE.md §3. {@link #apply}
 * takes a batch and the leader's timestamp and returns one {@link Result} per command; it
 * reads no clock, no randomness and nothing but this object and its {@link TransferStore}, so
 * the same log gives the same state on every replica.
 *
 * <p>This class holds the state, runs the batch loop and answers reads; the rules it applies
 * are {@link AccountCommands}, {@link TransferCommands}, for cross-shard transactions
 * {@link Transactions} with {@link CrossShardPieces}, for escrow trades {@link TradeCommands}, for
 * API keys {@link KeyCommands}, for funding channels {@link ChannelCommands} and for operators'
 * adjustments {@link Adjustments}. What one batch reads and writes is kept in its
 * {@link BatchScratch}.
 *
 * <p>Not thread-safe: one thread applies; readers must be kept out while it does.
 */
public final class ShardLedger {
    final int shardId;
    final int homeSlot;
    final IntPredicate ownsSlot;
    private final TransferStore store;

    // Primitive maps; iterators are allocated per use (shouldAvoidAllocation=false) because
    // concurrent readers iterate under the shared read lock.
    final Long2ObjectHashMap<Account> accounts = new Long2ObjectHashMap<>(1024, 0.65f, false);
    final Long2ObjectHashMap<User> users = new Long2ObjectHashMap<>(1024, 0.65f, false);
    final Long2ObjectHashMap<TransferRecord> openPending = new Long2ObjectHashMap<>(1024, 0.65f, false);
    final TreeSet<Expiry> expiries = new TreeSet<>();
    final Transactions transactions = new Transactions(this);
    final TradeBook trades = new TradeBook();
    final Keys keys = new Keys();
    final Channels channels = new Channels();
    final Adjustments adjustments = new Adjustments();
    private final Postings postings = new Postings(this);
    private final TradeCommands tradeRules = new TradeCommands(trades, postings);
    final KeyCommands keyRules = new KeyCommands(keys, postings, trades, channels);
    private final ChannelCommands channelRules = new ChannelCommands(channels, postings);
    /** The domains told when a tick voids an expired pending transfer. */
    private final List<PendingExpiry> expiryHooks = List.of(channelRules);
    long lastTimestamp;
    long historyDigest;
    final BatchScratch batch;
    /** Checked after every batch where assertions are enabled (tests): see {@link Invariants}. */
    final Invariants invariants = new Invariants(this);

    record Expiry(long expiresAt, long transferId) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            int c = Long.compare(expiresAt, o.expiresAt);
            return c != 0 ? c : Long.compare(transferId, o.transferId);
        }
    }

    /**
     * @param homeSlot the slot whose reserved ids hold this shard's house accounts
     * @param ownsSlot which slots this shard serves: accounts elsewhere are another shard's
     */
    public ShardLedger(int shardId, int homeSlot, IntPredicate ownsSlot, TransferStore store) {
        this.shardId = shardId;
        this.homeSlot = homeSlot;
        this.ownsSlot = ownsSlot;
        this.store = store;
        this.batch = new BatchScratch(store);
        if (!ownsSlot.test(homeSlot)) {
            throw new IllegalArgumentException("shard " + shardId + " does not own its home slot " + homeSlot);
        }
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

    /** A ledger of one shard that owns every slot: for tests and single-shard tools. */
    public static ShardLedger standalone(TransferStore store) {
        return new ShardLedger(0, 0, s -> true, store);
    }

    /**
     * Applies one batch. Each command gets its own timestamp, strictly increasing across
     * batches even if the leader's clock steps back.
     */
    public Result[] apply(long headerTimestamp, Command[] commands) {
        int n = commands.length;
        int total = 0;
        for (Command c : commands) {
            total += c.resultCount();
        }
        Result[] results = new Result[total];
        long base = Math.max(headerTimestamp, lastTimestamp + 1);
        batch.prefetch(this, commands);
        int i = 0;
        int out = 0;
        while (i < n) {
            Command c = commands[i];
            if (c instanceof CreateTransfer t && (t.flags() & TransferFlags.linked) != 0) {
                int end = applyChain(commands, i, base, results, out);
                out += end - i;
                i = end;
                continue;
            }
            if (c instanceof BeginTransaction b) {
                transactions.begin(b, base + i, results, out);
            } else if (c instanceof PrepareTransaction p) {
                transactions.prepare(p, base + i, results, out);
            } else {
                results[out] = applyOne(c, base + i, false);
            }
            out += c.resultCount();
            i++;
        }
        lastTimestamp = base + n - 1;
        for (TransferRecord r : batch.writes) {
            historyDigest = StateHash.mix(historyDigest, r);
        }
        assert invariants.batchApplied(batch.writes);
        batch.commit();
        return results;
    }

    /** Applies a linked chain starting at {@code start}; returns the index after it. */
    private int applyChain(Command[] commands, int start, long base, Result[] results, int out) {
        int end = start;
        boolean open = true;
        while (end < commands.length && commands[end] instanceof CreateTransfer t) {
            end++;
            if ((t.flags() & TransferFlags.linked) == 0) {
                open = false;
                break;
            }
        }
        batch.beginGroup();
        int failed = -1;
        Result failure = null;
        if (open) {
            failed = end - 1;
            failure = Result.linked_event_chain_open;
        } else {
            for (int k = start; k < end; k++) {
                Result r = TransferCommands.createTransfer(this, (CreateTransfer) commands[k], base + k, true, null, 0);
                if (r != Result.ok) {
                    failed = k;
                    failure = r;
                    break;
                }
            }
        }
        if (failed >= 0) {
            batch.rollBackGroup();
            for (int k = start; k < end; k++) {
                results[out + k - start] = k == failed ? failure : Result.linked_event_failed;
            }
        } else {
            for (int k = start; k < end; k++) {
                results[out + k - start] = Result.ok;
            }
        }
        batch.endGroup();
        return end;
    }

    private Result applyOne(Command c, long ts, boolean undoable) {
        if (c instanceof CreateTransfer t) {
            return TransferCommands.createTransfer(this, t, ts, undoable, null, 0);
        } else if (c instanceof DecideTransaction d) {
            return transactions.decide(d, ts);
        } else if (c instanceof ResolveTransaction r) {
            return transactions.resolve(r, ts);
        } else if (c instanceof FinishTransaction f) {
            return transactions.finish(f);
        } else if (c instanceof CreateAccount a) {
            return AccountCommands.createAccount(this, a, ts);
        } else if (c instanceof CreateUser u) {
            return createUser(u, ts);
        } else if (c instanceof CloseAccount x) {
            return AccountCommands.closeAccount(this, x);
        } else if (c instanceof ReopenAccount x) {
            return AccountCommands.reopenAccount(this, x);
        } else if (c instanceof Tick) {
            TransferCommands.tick(this, ts);
            tradeRules.tick(ts);
            return Result.ok;
        } else if (c instanceof TradeAction a) {
            return tradeRules.act(a, ts);
        } else if (c instanceof PayTrade p) {
            return tradeRules.payTrade(p, ts);
        } else if (c instanceof CreateTrade t) {
            return tradeRules.createTrade(t, ts);
        } else if (c instanceof BindTradeBuyer b) {
            return tradeRules.bindBuyer(b, ts);
        } else if (c instanceof RecordDelivery d) {
            return tradeRules.recordDelivery(d);
        } else if (c instanceof CreateMerchant m) {
            return tradeRules.createMerchant(m, ts);
        } else if (c instanceof CreateApp a) {
            return tradeRules.createApp(a, ts);
        } else if (c instanceof Deposit d) {
            return channelRules.deposit(d, ts);
        } else if (c instanceof RequestWithdrawal w) {
            return channelRules.requestWithdrawal(w, ts);
        } else if (c instanceof ResolveWithdrawal w) {
            return channelRules.resolveWithdrawal(w, ts);
        } else if (c instanceof CreateChannel ch) {
            return channelRules.createChannel(ch, ts);
        } else if (c instanceof Adjust a) {
            return adjustments.adjust(this, a, ts);
        } else if (c instanceof CreateKey k) {
            return keyRules.createKey(k, ts);
        } else if (c instanceof RevokeKey k) {
            return keyRules.revokeKey(k, ts);
        }
        throw new IllegalArgumentException("unknown command " + c);
    }

    /**
     * A user with its wallet, and its own token as its key. An id a key already has is refused
     * (the edge draws another): the user's token would otherwise be that key.
     */
    private Result createUser(CreateUser u, long ts) {
        if (u.userId() != 0 && keyRules.idTaken(u.userId()) && !users.containsKey(u.userId())) {
            return Result.exists_with_different_fields;
        }
        Result r = AccountCommands.createUser(this, u, ts);
        if (r == Result.ok) {
            keyRules.userCreated(u.userId(), u.tokenHash0(), u.tokenHash1(), u.tokenHash2(), u.tokenHash3(), ts);
        }
        return r;
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

    /** The open pending transfer with this id, or null. */
    public TransferRecord openPendingTransfer(long id) {
        return openPending.get(id);
    }

    public int shardId() {
        return shardId;
    }

    public int homeSlot() {
        return homeSlot;
    }

    /** True when this shard serves the slot. */
    public boolean ownsSlot(int slot) {
        return ownsSlot.test(slot);
    }

    public long lastTimestamp() {
        return lastTimestamp;
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

    /** Transactions this shard coordinates that are not finished yet (copies). */
    public List<ActiveTransaction> activeTransactions() {
        return transactions.active();
    }

    /** Transactions coordinated elsewhere that this shard has prepared and not yet resolved. */
    public List<PreparedTransaction> preparedTransactions() {
        return transactions.preparedElsewhere();
    }

    /** Where a transaction this shard coordinates stands (its history is read for finished ones). */
    public TransactionState transactionState(long txId) {
        Transactions.Coordinated c = transactions.coordinated.get(txId);
        if (c != null) {
            return c.state;
        }
        TransactionOutcome o = transactionOutcome(txId);
        return o == null ? TransactionState.unknown : o.committed() ? TransactionState.committed
                : TransactionState.aborted;
    }

    /** The recorded decision on a transaction this shard coordinated, or null if none was made. */
    public TransactionOutcome transactionOutcome(long txId) {
        Long2ObjectHashMap<TransactionOutcome> found = new Long2ObjectHashMap<>();
        store.loadOutcomes(new long[] {txId}, 1, found);
        return found.get(txId);
    }

    /** When the earliest open pending transfer expires (ns), or {@link Long#MAX_VALUE} if none will. */
    public long nextExpiryAt() {
        return expiries.isEmpty() ? Long.MAX_VALUE : expiries.first().expiresAt();
    }

    /**
     * When the next time-driven rule falls due (ns): a pending transfer's expiry or a trade's
     * deadline; {@link Long#MAX_VALUE} if none will. A {@link Tick} at or after it applies it.
     */
    public long nextDueAt() {
        return Math.min(nextExpiryAt(), trades.nextDueAt());
    }

    /** This shard's merchants, trades and merchant notifications (read under the shard's read lock). */
    public TradeBook trades() {
        return trades;
    }

    /** This shard's API keys (read under the shard's read lock). */
    public KeyBook keys() {
        return keys;
    }

    /** This shard's funding channels, deposits and withdrawals (read under the shard's read lock). */
    public ChannelBook channels() {
        return channels;
    }

    /** The operator's adjustment made as transfer {@code transferId} on this shard, or null. */
    public Adjustment adjustment(long transferId) {
        return adjustments.byTransferId.get(transferId);
    }

    /** The Alipay gateway app with this id, if its merchant is on this shard; else null. */
    public App app(long appId) {
        return trades.app(appId);
    }

    /** A merchant's Alipay gateway apps on this shard, in the order they were registered. */
    public List<App> apps(long merchantId) {
        return trades.apps(merchantId);
    }

    /** Copies of every account, in no particular order. */
    public List<AccountState> accounts() {
        List<AccountState> out = new ArrayList<>(accounts.size());
        for (Account a : accounts.values()) {
            out.add(a.state());
        }
        return out;
    }

    /**
     * Per ledger: {debitsPosted, creditsPosted, debitsPending, creditsPending} summed over every
     * account, modulo 2^64. Double entry means debits equal credits in each ledger, always.
     *
     * <p>Each balance fits in a long, but a ledger's sum need not (two accounts each credited
     * close to {@link Long#MAX_VALUE} is a valid state), so the sums wrap instead of throwing:
     * equal sums stay equal under the wrap, which is what this is for.
     */
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

    /** A hash of the whole state: equal on every replica that applied the same log. */
    public long stateHash() {
        return StateHash.of(this);
    }
}
