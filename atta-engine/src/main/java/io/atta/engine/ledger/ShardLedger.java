package io.atta.engine.ledger;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.Limits;
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

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * One shard's ledger: the deterministic state machine of ARCHITECTURE §3. {@link #apply}
 * takes a batch and the leader's timestamp and returns one {@link Result} per command; it
 * reads no clock, no randomness and nothing but this object and its {@link TransferStore}, so
 * the same log gives the same state on every replica.
 *
 * <p>Not thread-safe: one thread applies; readers must be kept out while it does.
 */
public final class ShardLedger {
    private static final int resolveFlags = TransferFlags.postPending | TransferFlags.voidPending;
    private static final int kindFlags = TransferFlags.pending | resolveFlags;

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
    long lastTimestamp;
    long historyDigest;

    // Scratch state of the batch being applied.
    /**
     * Transfers this batch may look up: what the store held when the batch began (loaded in one
     * call), overwritten by what the batch itself writes.
     */
    private final Long2ObjectHashMap<TransferRecord> known = new Long2ObjectHashMap<>(1024, 0.65f, false);
    private final ArrayList<TransferRecord> batchWrites = new ArrayList<>();
    private final ArrayList<BalanceEvent> batchEvents = new ArrayList<>();
    private final ArrayList<TransactionOutcome> batchOutcomes = new ArrayList<>();
    /** The transaction whose pieces {@link #applyPieces} is making: their records carry its id. */
    private long pieceTxId;
    /** Transaction outcomes this batch may look up, loaded like {@link #known}. */
    private final Long2ObjectHashMap<TransactionOutcome> knownOutcomes = new Long2ObjectHashMap<>(64, 0.65f, false);
    private long[] txIdScratch = new long[64];
    private final ArrayList<Runnable> undo = new ArrayList<>();
    private long[] idScratch = new long[1024];

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
        prefetch(commands);
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
        for (TransferRecord r : batchWrites) {
            historyDigest = StateHash.mix(historyDigest, r);
        }
        store.commit(batchWrites, batchEvents, batchOutcomes);
        batchWrites.clear();
        batchEvents.clear();
        batchOutcomes.clear();
        known.clear();
        knownOutcomes.clear();
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
        int writes = batchWrites.size();
        int events = batchEvents.size();
        int failed = -1;
        Result failure = null;
        if (open) {
            failed = end - 1;
            failure = Result.linked_event_chain_open;
        } else {
            for (int k = start; k < end; k++) {
                Result r = createTransfer((CreateTransfer) commands[k], base + k, true, null);
                if (r != Result.ok) {
                    failed = k;
                    failure = r;
                    break;
                }
            }
        }
        if (failed >= 0) {
            for (int u = undo.size() - 1; u >= 0; u--) {
                undo.get(u).run();
            }
            truncate(batchWrites, writes);
            truncate(batchEvents, events);
            for (int k = start; k < end; k++) {
                results[out + k - start] = k == failed ? failure : Result.linked_event_failed;
            }
        } else {
            for (int k = start; k < end; k++) {
                results[out + k - start] = Result.ok;
            }
        }
        undo.clear();
        return end;
    }

    private static void truncate(ArrayList<?> list, int size) {
        list.subList(size, list.size()).clear();
    }

    private Result applyOne(Command c, long ts, boolean undoable) {
        if (c instanceof CreateTransfer t) {
            return createTransfer(t, ts, undoable, null);
        } else if (c instanceof DecideTransaction d) {
            return transactions.decide(d, ts);
        } else if (c instanceof ResolveTransaction r) {
            return transactions.resolve(r, ts);
        } else if (c instanceof FinishTransaction f) {
            return transactions.finish(f);
        } else if (c instanceof CreateAccount a) {
            return AccountCommands.createAccount(this, a, ts);
        } else if (c instanceof CreateUser u) {
            return AccountCommands.createUser(this, u, ts);
        } else if (c instanceof CloseAccount x) {
            return AccountCommands.closeAccount(this, x);
        } else if (c instanceof Tick) {
            return tick(ts);
        }
        throw new IllegalArgumentException("unknown command " + c);
    }

    /** Loads from the store, in one call, every stored transfer this batch may look up. */
    private void prefetch(Command[] commands) {
        int count = 0;
        int txCount = 0;
        for (Command c : commands) {
            if (c instanceof CreateTransfer t) {
                count = addId(count, t.id());
                if (t.pendingId() != 0 && !openPending.containsKey(t.pendingId())) {
                    count = addId(count, t.pendingId());
                }
            } else if (c instanceof BeginTransaction b) {
                for (CreateTransfer t : b.legs()) {
                    count = addId(count, t.id());
                }
                txCount = addTxId(txCount, b.txId());
            } else if (c instanceof PrepareTransaction p) {
                for (CreateTransfer t : p.legs()) {
                    count = addId(count, t.id());
                }
            } else if (c instanceof DecideTransaction d && !transactions.coordinated.containsKey(d.txId())) {
                txCount = addTxId(txCount, d.txId());
                count = addId(count, d.txId());
            }
        }
        if (count > 0) {
            store.load(idScratch, count, known);
        }
        if (txCount > 0) {
            store.loadOutcomes(txIdScratch, txCount, knownOutcomes);
        }
    }

    private int addId(int count, long id) {
        if (count == idScratch.length) {
            idScratch = java.util.Arrays.copyOf(idScratch, idScratch.length * 2);
        }
        idScratch[count] = id;
        return count + 1;
    }

    private int addTxId(int count, long id) {
        if (count == txIdScratch.length) {
            txIdScratch = java.util.Arrays.copyOf(txIdScratch, txIdScratch.length * 2);
        }
        txIdScratch[count] = id;
        return count + 1;
    }

    TransactionOutcome knownOutcome(long txId) {
        return knownOutcomes.get(txId);
    }

    void recordOutcome(TransactionOutcome o) {
        knownOutcomes.put(o.txId(), o);
        batchOutcomes.add(o);
    }

    /**
     * Applies a transaction's pieces on this shard all or nothing, like a linked chain. Returns
     * -1, or the index of the refused piece with its result in {@code failure[0]}.
     */
    int applyPieces(long txId, List<CreateTransfer> pieces, List<CreateTransfer> legs, long ts, Result[] failure,
                    TransferRecord[] records) {
        pieceTxId = txId;
        int writes = batchWrites.size();
        int events = batchEvents.size();
        int failed = -1;
        for (int k = 0; k < pieces.size(); k++) {
            Result r = createTransfer(pieces.get(k), ts, true, legs.get(k));
            if (r != Result.ok) {
                failed = k;
                // An id already used on this shard, even by the same content, is not this piece.
                failure[0] = r == Result.exists ? Result.exists_with_different_fields : r;
                break;
            }
            records[k] = known.get(pieces.get(k).id());
        }
        if (failed >= 0) {
            for (int u = undo.size() - 1; u >= 0; u--) {
                undo.get(u).run();
            }
            truncate(batchWrites, writes);
            truncate(batchEvents, events);
        }
        undo.clear();
        return failed;
    }

    /** Posts or voids a prepared piece once its transaction is decided; neither can fail. */
    void resolvePiece(TransferRecord p, boolean commit, long ts) {
        Account dr = accounts.get(p.debitAccountId());
        Account cr = accounts.get(p.creditAccountId());
        dr.debitsPending -= p.amount();
        cr.creditsPending -= p.amount();
        if (commit) {
            dr.debitsPosted = Math.addExact(dr.debitsPosted, p.amount());
            cr.creditsPosted = Math.addExact(cr.creditsPosted, p.amount());
        }
        putRecord(p.withStatus(commit ? PendingStatus.posted : PendingStatus.voided), false);
        batchEvents.add(BalanceEvent.of(dr, ts, p.id(), false));
        batchEvents.add(BalanceEvent.of(cr, ts, p.id(), false));
    }

    TransferRecord findTransfer(long id) {
        TransferRecord r = known.get(id);
        return r != null ? r : openPending.get(id);
    }

    /**
     * @param leg for a piece of a cross-shard transfer, the leg it is part of (the piece may carry
     *            the {@code crossShard} flag and records the leg's accounts as requested); else null
     */
    private Result createTransfer(CreateTransfer t, long ts, boolean undoable, CreateTransfer leg) {
        int f = t.flags();
        if (t.id() == 0) {
            return Result.id_must_not_be_zero;
        }
        if ((f & ~(leg == null ? TransferFlags.all : TransferFlags.all | TransferFlags.crossShard)) != 0) {
            return Result.flags_unknown;
        }
        if (Integer.bitCount(f & kindFlags) > 1) {
            return Result.flags_are_mutually_exclusive;
        }
        boolean resolving = (f & resolveFlags) != 0;
        if (resolving) {
            if (t.pendingId() == 0) {
                return Result.pending_id_must_not_be_zero;
            }
        } else {
            if (t.pendingId() != 0) {
                return Result.pending_id_must_be_zero;
            }
            if (t.debitAccountId() == 0) {
                return Result.debit_account_id_must_not_be_zero;
            }
            if (t.creditAccountId() == 0) {
                return Result.credit_account_id_must_not_be_zero;
            }
            if (t.debitAccountId() == t.creditAccountId()) {
                return Result.accounts_must_be_different;
            }
            if (t.amount() <= 0) {
                return Result.amount_must_not_be_zero;
            }
            if (t.code() == 0) {
                return Result.code_must_not_be_zero;
            }
        }
        if (t.timeoutSeconds() != 0 && (f & TransferFlags.pending) == 0 || t.timeoutSeconds() < 0) {
            return Result.timeout_reserved_for_pending_transfer;
        }
        if (t.timeoutSeconds() > Limits.maxTimeoutSeconds) {
            return Result.timeout_too_large;
        }
        // A user may only debit its own accounts. Checked before the idempotency lookup so
        // that a user cannot learn whether someone else's transfer exists.
        if (t.actingUserId() != 0) {
            long debitId = t.debitAccountId();
            if (debitId == 0 && resolving) {
                TransferRecord p = findTransfer(t.pendingId());
                debitId = p == null ? 0 : p.debitAccountId();
            }
            Account debit = accounts.get(debitId);
            if (debit == null || debit.ownerUserId != t.actingUserId()) {
                return Result.debit_account_not_owned;
            }
        }
        TransferRecord existing = findTransfer(t.id());
        if (existing != null) {
            return sameRequest(existing, t) ? Result.exists : Result.exists_with_different_fields;
        }
        return resolving ? resolvePending(t, ts, undoable) : transfer(t, ts, undoable, leg);
    }

    private Result transfer(CreateTransfer t, long ts, boolean undoable, CreateTransfer leg) {
        if (!ownsSlot.test(Ids.slotOf(t.debitAccountId())) || !ownsSlot.test(Ids.slotOf(t.creditAccountId()))) {
            return Result.accounts_on_different_shards;
        }
        Account dr = accounts.get(t.debitAccountId());
        Account cr = accounts.get(t.creditAccountId());
        if (dr == null || cr == null) {
            return Result.account_not_found;
        }
        if (dr.ledger != cr.ledger || t.ledger() != dr.ledger) {
            return Result.currency_mismatch;
        }
        if (isClosed(dr) || isClosed(cr)) {
            return Result.account_closed;
        }
        long amount = t.amount();
        if (overflows(dr.debitsPending, dr.debitsPosted, amount)
                || overflows(cr.creditsPending, cr.creditsPosted, amount)) {
            return Result.overflow;
        }
        if ((dr.flags & AccountFlags.debitsMustNotExceedCredits) != 0
                && dr.debitsPending + dr.debitsPosted + amount > dr.creditsPosted) {
            return Result.insufficient_funds;
        }
        if ((cr.flags & AccountFlags.creditsMustNotExceedDebits) != 0
                && cr.creditsPending + cr.creditsPosted + amount > cr.debitsPosted) {
            return Result.exceeds_debits;
        }
        boolean pending = (t.flags() & TransferFlags.pending) != 0;
        if (undoable) {
            saveBalances(dr);
            saveBalances(cr);
        }
        if (pending) {
            dr.debitsPending += amount;
            cr.creditsPending += amount;
        } else {
            dr.debitsPosted += amount;
            cr.creditsPosted += amount;
        }
        // A piece names its transaction where a pending transfer's pendingId would be, so that a
        // participant tells a repeat of this transaction from another that reuses a leg.
        TransferRecord r = new TransferRecord(t.id(), dr.id, cr.id, amount, dr.ledger, t.code(), t.flags(),
                leg == null ? 0 : pieceTxId, t.timeoutSeconds(), t.userData(), ts, pending ? PendingStatus.pending : PendingStatus.none,
                leg == null ? t.debitAccountId() : leg.debitAccountId(),
                leg == null ? t.creditAccountId() : leg.creditAccountId(), amount, t.ledger());
        putRecord(r, undoable);
        if (pending && leg == null) {
            openPending(r, undoable);
        }
        batchEvents.add(BalanceEvent.of(dr, ts, t.id(), false));
        batchEvents.add(BalanceEvent.of(cr, ts, t.id(), false));
        return Result.ok;
    }

    private Result resolvePending(CreateTransfer t, long ts, boolean undoable) {
        TransferRecord p = findTransfer(t.pendingId());
        if (p == null) {
            return Result.pending_not_found;
        }
        if ((p.flags() & TransferFlags.pending) == 0 || (p.flags() & TransferFlags.crossShard) != 0) {
            // A piece of a cross-shard transfer is resolved by its transaction, never by a caller.
            return Result.pending_transfer_not_pending;
        }
        switch (p.status()) {
            case posted:
                return Result.pending_already_posted;
            case voided:
                return Result.pending_already_voided;
            case expired:
                return Result.pending_expired;
            default:
                break;
        }
        if (t.debitAccountId() != 0 && t.debitAccountId() != p.debitAccountId()
                || t.creditAccountId() != 0 && t.creditAccountId() != p.creditAccountId()) {
            return Result.pending_account_mismatch;
        }
        if (t.ledger() != 0 && t.ledger() != p.ledger()) {
            return Result.currency_mismatch;
        }
        if (p.expiresAt() <= ts) {
            return Result.pending_expired;
        }
        Account dr = accounts.get(p.debitAccountId());
        Account cr = accounts.get(p.creditAccountId());
        if (dr == null || cr == null) {
            throw new IllegalStateException("pending transfer " + p.id() + " names a missing account");
        }
        boolean post = (t.flags() & TransferFlags.postPending) != 0;
        long amount;
        if (post) {
            amount = t.amount() == 0 ? p.amount() : t.amount();
            if (amount < 0 || amount > p.amount()) {
                return Result.exceeds_pending_amount;
            }
            if (isClosed(dr) || isClosed(cr)) {
                return Result.account_closed;
            }
        } else {
            if (t.amount() != 0 && t.amount() != p.amount()) {
                return Result.void_amount_must_match_pending;
            }
            amount = p.amount();
        }
        if (undoable) {
            saveBalances(dr);
            saveBalances(cr);
        }
        dr.debitsPending -= p.amount();
        cr.creditsPending -= p.amount();
        if (post) {
            dr.debitsPosted += amount;
            cr.creditsPosted += amount;
        }
        TransferRecord r = new TransferRecord(t.id(), dr.id, cr.id, amount, p.ledger(),
                t.code() != 0 ? t.code() : p.code(), t.flags(), p.id(), 0, t.userData(), ts, PendingStatus.none,
                t.debitAccountId(), t.creditAccountId(), t.amount(), t.ledger());
        putRecord(r, undoable);
        closePending(p, post ? PendingStatus.posted : PendingStatus.voided, undoable);
        batchEvents.add(BalanceEvent.of(dr, ts, t.id(), false));
        batchEvents.add(BalanceEvent.of(cr, ts, t.id(), false));
        return Result.ok;
    }

    /** True when a retried request says what the stored transfer's request said (zero = "from the pending"). */
    private static boolean sameRequest(TransferRecord e, CreateTransfer t) {
        if (e.flags() != t.flags() || e.userData() != t.userData() || e.pendingId() != t.pendingId()) {
            return false;
        }
        if ((t.flags() & resolveFlags) != 0) {
            return e.requestedDebit() == t.debitAccountId() && e.requestedCredit() == t.creditAccountId()
                    && e.requestedAmount() == t.amount() && e.requestedLedger() == t.ledger()
                    && (t.code() == 0 || t.code() == e.code());
        }
        return e.debitAccountId() == t.debitAccountId() && e.creditAccountId() == t.creditAccountId()
                && e.amount() == t.amount() && e.ledger() == t.ledger() && e.code() == t.code()
                && e.timeoutSeconds() == t.timeoutSeconds();
    }

    private Result tick(long ts) {
        while (!expiries.isEmpty() && expiries.first().expiresAt() <= ts) {
            Expiry x = expiries.pollFirst();
            TransferRecord p = openPending.remove(x.transferId());
            Account dr = accounts.get(p.debitAccountId());
            Account cr = accounts.get(p.creditAccountId());
            dr.debitsPending -= p.amount();
            cr.creditsPending -= p.amount();
            TransferRecord expired = p.withStatus(PendingStatus.expired);
            known.put(p.id(), expired);
            batchWrites.add(expired);
            batchEvents.add(BalanceEvent.of(dr, ts, p.id(), true));
            batchEvents.add(BalanceEvent.of(cr, ts, p.id(), true));
        }
        return Result.ok;
    }

    static boolean isClosed(Account a) {
        return (a.flags & AccountFlags.closed) != 0;
    }

    /** True when {@code pending + posted + amount} does not fit in a long (all three are non-negative). */
    private static boolean overflows(long pending, long posted, long amount) {
        return pending > Long.MAX_VALUE - posted || pending + posted > Long.MAX_VALUE - amount;
    }

    private void saveBalances(Account a) {
        long dp = a.debitsPending;
        long dpo = a.debitsPosted;
        long cp = a.creditsPending;
        long cpo = a.creditsPosted;
        undo.add(() -> {
            a.debitsPending = dp;
            a.debitsPosted = dpo;
            a.creditsPending = cp;
            a.creditsPosted = cpo;
        });
    }

    private void putRecord(TransferRecord r, boolean undoable) {
        TransferRecord previous = known.put(r.id(), r);
        batchWrites.add(r);
        if (undoable) {
            undo.add(() -> {
                if (previous == null) {
                    known.remove(r.id());
                } else {
                    known.put(r.id(), previous);
                }
            });
        }
    }

    private void openPending(TransferRecord r, boolean undoable) {
        openPending.put(r.id(), r);
        Expiry x = r.timeoutSeconds() == 0 ? null : new Expiry(r.expiresAt(), r.id());
        if (x != null) {
            expiries.add(x);
        }
        if (undoable) {
            undo.add(() -> {
                openPending.remove(r.id());
                if (x != null) {
                    expiries.remove(x);
                }
            });
        }
    }

    private void closePending(TransferRecord p, PendingStatus status, boolean undoable) {
        openPending.remove(p.id());
        Expiry x = p.timeoutSeconds() == 0 ? null : new Expiry(p.expiresAt(), p.id());
        if (x != null) {
            expiries.remove(x);
        }
        putRecord(p.withStatus(status), undoable);
        if (undoable) {
            undo.add(() -> {
                openPending.put(p.id(), p);
                if (x != null) {
                    expiries.add(x);
                }
            });
        }
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
        if (found.get(txId) != null) {
            return found.get(txId);
        }
        Long2ObjectHashMap<TransferRecord> piece = new Long2ObjectHashMap<>();
        store.load(new long[] {txId}, 1, piece);
        return Transactions.committedPiece(piece.get(txId), txId);
    }

    /** When the earliest open pending transfer expires (ns), or {@link Long#MAX_VALUE} if none will. */
    public long nextExpiryAt() {
        return expiries.isEmpty() ? Long.MAX_VALUE : expiries.first().expiresAt();
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
