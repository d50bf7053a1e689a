package io.atta.engine.ledger;

import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.engine.ShardModules;
import io.atta.engine.access.KeyBook;
import io.atta.engine.access.KeyModule;
import io.atta.engine.channel.ChannelBook;
import io.atta.engine.channel.ChannelModule;
import io.atta.engine.gateway.App;
import io.atta.engine.gateway.GatewayBook;
import io.atta.engine.gateway.GatewayModule;
import io.atta.engine.shard.ModuleTable;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.shard.StateDigest;
import io.atta.engine.shard.UndoLog;
import io.atta.engine.trade.TradeBook;
import io.atta.engine.trade.TradeModule;
import io.atta.engine.transaction.TransactionModule;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * One shard: the deterministic state machine of docs/ARCHITECTURE.md §3, built from shard
 * modules ({@link ShardModule}: the ledger first, then {@link ShardModules#standard()}).
 * {@link #apply} takes a batch and the leader's timestamp and returns one {@link Result} per
 * command result; it reads no clock, no randomness and nothing but its modules and the ledger's
 * {@link TransferStore}, so the same log gives the same state on every replica.
 *
 * <p>The shard runs the batch loop: it sends each command to the module whose family owns its
 * class, applies linked chains all or nothing with the shared {@link UndoLog}, fans a
 * {@link Tick} out to every module, and folds the modules' digests into the state hash and their
 * sections into snapshots ({@link LedgerSnapshot}). It knows modules only through
 * {@link ShardModule}; its public reads are the modules' read facades.
 *
 * <p>Not thread-safe: one thread applies; readers must be kept out while it does.
 */
public final class ShardLedger {
    private final ShardServices services;
    private final UndoLog undo;
    private final LedgerModule ledger;
    private final ShardModule[] modules;
    private final List<ShardModule> moduleList;
    private final ModuleTable table;
    private ShardModule[] owners = new ShardModule[1024];
    long lastTimestamp;
    private long logIndex;

    /**
     * @param homeSlot the slot whose reserved ids hold this shard's house accounts
     * @param ownsSlot which slots this shard serves: accounts elsewhere are another shard's
     */
    public ShardLedger(int shardId, int homeSlot, IntPredicate ownsSlot, TransferStore store) {
        this(shardId, homeSlot, ownsSlot, store, ShardModules.standard());
    }

    /** A shard built from the ledger and {@code modules}, in that order (a test adds its own module this way). */
    public ShardLedger(int shardId, int homeSlot, IntPredicate ownsSlot, TransferStore store,
                       List<Function<ShardServices, ShardModule>> modules) {
        if (!ownsSlot.test(homeSlot)) {
            throw new IllegalArgumentException("shard " + shardId + " does not own its home slot " + homeSlot);
        }
        this.services = new ShardServices(shardId, homeSlot, ownsSlot);
        this.undo = services.undo();
        this.ledger = new LedgerModule(services, store);
        services.built(ledger);
        for (Function<ShardServices, ShardModule> build : modules) {
            services.built(build.apply(services));
        }
        this.moduleList = services.modules();
        this.modules = moduleList.toArray(ShardModule[]::new);
        this.table = new ModuleTable(moduleList, List.of(Tick.class));
    }

    /** A ledger of one shard that owns every slot: for tests and single-shard tools. */
    public static ShardLedger standalone(TransferStore store) {
        return new ShardLedger(0, 0, s -> true, store);
    }

    /** Sets the Raft log index of the next batch {@link #apply} applies (told to the batch's event consumers). */
    public void setLogIndex(long index) {
        this.logIndex = index;
    }

    /**
     * Applies one batch. Each command gets its own timestamp, strictly increasing across
     * batches even if the leader's clock steps back.
     */
    public Result[] apply(long headerTimestamp, Command[] commands) {
        int n = commands.length;
        if (owners.length < n) {
            owners = new ShardModule[Math.max(n, owners.length * 2)];
        }
        int total = 0;
        for (int i = 0; i < n; i++) {
            Command c = commands[i];
            total += c.resultCount();
            ShardModule m = c instanceof Tick ? null : table.moduleOf(c);
            owners[i] = m;
            if (m != null) {
                m.prefetch(c);
            }
        }
        Result[] results = new Result[total];
        long base = Math.max(headerTimestamp, lastTimestamp + 1);
        for (ShardModule m : modules) {
            m.beforeApply();
        }
        services.events().beginBatch(logIndex, base);
        int i = 0;
        int out = 0;
        while (i < n) {
            Command c = commands[i];
            ShardModule m = owners[i];
            if (m == null) {
                tick(base + i);
                results[out] = Result.ok;
            } else if (m.linksNext(c)) {
                int end = applyChain(commands, i, base, results, out);
                out += end - i;
                i = end;
                continue;
            } else {
                m.apply(c, base + i, results, out);
            }
            out += c.resultCount();
            i++;
        }
        lastTimestamp = base + n - 1;
        // Before afterApply: a consumer that archives a record (the audit chain's block) stores it with this batch.
        services.events().batchApplied();
        for (ShardModule m : modules) {
            m.afterApply();
        }
        Arrays.fill(owners, 0, n, null);
        return results;
    }

    /** Every module's time-driven rules, in module-list order. */
    private void tick(long ts) {
        for (ShardModule m : modules) {
            m.tick(ts);
        }
    }

    /**
     * Applies a linked chain starting at {@code start} all or nothing; returns the index after it.
     * A chain's members are commands their module calls chainable, one result each; it ends at
     * the first member that does not link to the next, and is refused whole when a command that
     * cannot be a member, or the batch's end, comes first.
     */
    private int applyChain(Command[] commands, int start, long base, Result[] results, int out) {
        int end = start;
        boolean open = true;
        while (end < commands.length && owners[end] != null && owners[end].chainable(commands[end])) {
            boolean links = owners[end].linksNext(commands[end]);
            end++;
            if (!links) {
                open = false;
                break;
            }
        }
        undo.begin();
        int failed = -1;
        Result failure = null;
        if (open) {
            failed = end - 1;
            failure = Result.linked_event_chain_open;
        } else {
            for (int k = start; k < end; k++) {
                int at = out + k - start;
                owners[k].apply(commands[k], base + k, results, at);
                if (results[at] != Result.ok) {
                    failed = k;
                    failure = results[at];
                    break;
                }
            }
        }
        if (failed >= 0) {
            undo.rollBack();
            for (int k = start; k < end; k++) {
                results[out + k - start] = k == failed ? failure : Result.linked_event_failed;
            }
        }
        undo.end();
        return end;
    }

    // ---- Modules ----

    /** The shard's modules, in module-list order (the ledger first). */
    public List<ShardModule> modules() {
        return moduleList;
    }

    /** The module of this class: its public methods are its read facade. */
    public <M extends ShardModule> M module(Class<M> type) {
        for (ShardModule m : modules) {
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        throw new IllegalArgumentException("this shard has no " + type.getSimpleName());
    }

    // ---- Reads (callers keep the applying thread out while they read) ----

    public AccountState account(long id) {
        return ledger.account(id);
    }

    public User user(long id) {
        return ledger.user(id);
    }

    /** The open pending transfer with this id, or null. */
    public TransferRecord openPendingTransfer(long id) {
        return ledger.openPendingTransfer(id);
    }

    public int shardId() {
        return services.shardId();
    }

    public int homeSlot() {
        return services.homeSlot();
    }

    /** True when this shard serves the slot. */
    public boolean ownsSlot(int slot) {
        return services.ownsSlot(slot);
    }

    public long lastTimestamp() {
        return lastTimestamp;
    }

    public int accountCount() {
        return ledger.accountCount();
    }

    public int userCount() {
        return ledger.userCount();
    }

    public int openPendingCount() {
        return ledger.openPendingCount();
    }

    /** Transactions this shard coordinates that are not finished yet (copies). */
    public List<ActiveTransaction> activeTransactions() {
        return module(TransactionModule.class).active();
    }

    /** Transactions coordinated elsewhere that this shard has prepared and not yet resolved. */
    public List<PreparedTransaction> preparedTransactions() {
        return module(TransactionModule.class).preparedElsewhere();
    }

    /** Where a transaction this shard coordinates stands (its history is read for finished ones). */
    public TransactionState transactionState(long txId) {
        return module(TransactionModule.class).state(txId);
    }

    /** The recorded decision on a transaction this shard coordinated, or null if none was made. */
    public TransactionOutcome transactionOutcome(long txId) {
        return ledger.storedOutcome(txId);
    }

    /** When the earliest open pending transfer expires (ns), or {@link Long#MAX_VALUE} if none will. */
    public long nextExpiryAt() {
        return ledger.nextExpiryAt();
    }

    /**
     * When the next time-driven rule of any module falls due (ns): a pending transfer's expiry,
     * a trade's deadline; {@link Long#MAX_VALUE} if none will. A {@link Tick} at or after it applies it.
     */
    public long nextDueAt() {
        long due = Long.MAX_VALUE;
        for (ShardModule m : modules) {
            due = Math.min(due, m.nextDueAt());
        }
        return due;
    }

    /** This shard's merchants, trades and merchant notifications (read under the shard's read lock). */
    public TradeBook trades() {
        return module(TradeModule.class).book();
    }

    /** This shard's API keys (read under the shard's read lock). */
    public KeyBook keys() {
        return module(KeyModule.class).book();
    }

    /** This shard's funding channels, deposits and withdrawals (read under the shard's read lock). */
    public ChannelBook channels() {
        return module(ChannelModule.class).book();
    }

    /** The operator's adjustment made as transfer {@code transferId} on this shard, or null. */
    public Adjustment adjustment(long transferId) {
        return ledger.adjustment(transferId);
    }

    /** This shard's Alipay gateway apps and gateway notifications (read under the shard's read lock). */
    public GatewayBook gateway() {
        return module(GatewayModule.class).book();
    }

    /** The Alipay gateway app with this id, if its merchant is on this shard; else null. */
    public App app(long appId) {
        return gateway().app(appId);
    }

    /** A merchant's Alipay gateway apps on this shard, in the order they were registered. */
    public List<App> apps(long merchantId) {
        return gateway().apps(merchantId);
    }

    /** Copies of every account, in no particular order. */
    public List<AccountState> accounts() {
        return ledger.accounts();
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
        return ledger.totalsByLedger();
    }

    /**
     * A hash of the whole state: equal on every replica that applied the same log. The shard's
     * clock, then each module's digest in module-list order.
     */
    public long stateHash() {
        long h = StateDigest.mix(services.shardId(), lastTimestamp);
        for (ShardModule m : modules) {
            h = StateDigest.mix(h, m.digest());
        }
        return h;
    }
}
