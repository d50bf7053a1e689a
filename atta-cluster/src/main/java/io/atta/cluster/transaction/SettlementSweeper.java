package io.atta.cluster.transaction;

import io.atta.cluster.LedgerService;
import io.atta.core.DerivedIds;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.TransferCodes;
import io.atta.core.TransferFlags;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.ShardLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * Settlement sweeps (docs/ARCHITECTURE.md §4): once per interval of the leader's clock, each shard this
 * node leads moves the net posted balance of each of its {@link SettlementAccounts} to the
 * account's home, all currencies together, as one cross-shard transaction. A credit balance
 * moves out (local → home), a debit balance is made good from the home (home → local), so the
 * swept accounts end at zero. A debit balance whose home may refuse (a merchant's, after
 * refunds) is collected in a transaction of its own after the main one, so that it holds up
 * nothing else; if refused it stays for the next interval.
 *
 * <p>The transaction's id is the first 63 bits of SHA-256({@code "sweep:<shard>:<interval>"}),
 * the interval being {@code floor(leader time / interval)}: a second sweep of the same shard in
 * the same interval, after a restart say, is the same transaction again and is answered
 * {@code exists} (or {@code exists_with_different_fields} when the balances moved since), so it
 * moves nothing. Transfers carry code {@link #transferCode} and the interval as user data.
 */
public final class SettlementSweeper {
    private static final Logger log = LoggerFactory.getLogger(SettlementSweeper.class);
    /** The transfer code of sweep legs. */
    public static final int transferCode = TransferCodes.settlementSweep;
    /** How often the node's ticker asks whether a shard is due for its sweep. */
    public static final long checkIntervalMs = 1_000;
    /** Most legs one sweep carries; routes beyond it wait for the next interval. */
    public static final int maxSweepLegs = Limits.maxBatchTransfers;

    /** How a sweep of one shard ended. */
    public enum Outcome {
        /** The transaction committed: the balances are at their homes. */
        swept,
        /** Every swept account was at zero; no transaction was made. */
        nothingToSweep,
        /** This shard was already swept in this interval; nothing moved. */
        alreadySwept,
        /** A participant refused the transaction; nothing moved ({@code reason} says why). */
        refused
    }

    /** One shard's sweep: which interval, its transaction id, how many legs, and how it ended. */
    public record Sweep(int shard, long interval, long txId, int legs, Outcome outcome, Result reason) {
    }

    /** One balance to move: the amount, from the account to debit to the account to credit. */
    private record Move(long debit, long credit, long amount, int ledger) {
    }

    /** What one sweep moves: the main transaction's legs, and the debts collected each on its own. */
    private record Plan(long txId, CreateTransfer[] legs, List<CreateTransfer> debts) {
    }

    private final LedgerService shards;
    private final IntPredicate leads;
    private final LongSupplier clockNanos;
    private final long intervalNanos;
    private final SettlementAccounts accounts;
    /** Per shard, guarded by this: the last interval swept, and the sweep running or last run. */
    private final long[] sweptInterval;
    private final List<CompletableFuture<Sweep>> latest;

    /**
     * @param leads        whether this node leads a shard (only the leader sweeps it)
     * @param clockNanos   the leader's clock, which the intervals are counted by
     * @param intervalSecs the interval, at least 1
     */
    public SettlementSweeper(LedgerService shards, IntPredicate leads, LongSupplier clockNanos, int intervalSecs,
                             SettlementAccounts accounts) {
        if (intervalSecs < 1) {
            throw new IllegalArgumentException("a sweeper needs an interval of at least 1 s, got " + intervalSecs);
        }
        this.shards = shards;
        this.leads = leads;
        this.clockNanos = clockNanos;
        this.intervalNanos = intervalSecs * 1_000_000_000L;
        this.accounts = accounts;
        this.sweptInterval = new long[shards.shardCount()];
        Arrays.fill(sweptInterval, Long.MIN_VALUE);
        this.latest = new ArrayList<>(Collections.nCopies(shards.shardCount(), null));
    }

    /** The current interval: the leader's time divided by the interval, rounded down. */
    public long interval() {
        return Math.floorDiv(clockNanos.getAsLong(), intervalNanos);
    }

    /**
     * Sweeps every shard this node leads that has not been swept in the current interval (the
     * node's ticker calls this every {@link #checkIntervalMs}). A sweep that failed for want of
     * a leader or room in a queue is tried again at the next call.
     */
    public CompletableFuture<List<Sweep>> sweepDue() {
        return sweepAll(false);
    }

    /** Sweeps every shard this node leads now, in the current interval, swept already or not. */
    public CompletableFuture<List<Sweep>> sweepNow() {
        return sweepAll(true);
    }

    /** Sweeps one shard now, in the current interval; after any sweep of it still running. */
    public CompletableFuture<Sweep> sweep(int shard) {
        return enqueue(shard, true);
    }

    private CompletableFuture<List<Sweep>> sweepAll(boolean force) {
        List<CompletableFuture<Sweep>> started = new ArrayList<>();
        for (int s = 0; s < sweptInterval.length; s++) {
            if (leads.test(s)) {
                CompletableFuture<Sweep> f = enqueue(s, force);
                if (f != null) {
                    started.add(f);
                }
            }
        }
        return CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> started.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Starts a sweep of {@code shard} after the one before it; null when not forced and not due.
     * The sweep is started outside this object's monitor: it calls into the shards, whose raft
     * threads may complete another sweep's future, and that completion takes the monitor
     * ({@link #done}) while holding raft's own locks. Starting it inside deadlocked a node.
     */
    private CompletableFuture<Sweep> enqueue(int shard, boolean force) {
        long interval;
        CompletableFuture<?> after;
        CompletableFuture<Sweep> mine = new CompletableFuture<>();
        synchronized (this) {
            interval = interval();
            CompletableFuture<Sweep> before = latest.get(shard);
            if (!force) {
                if (sweptInterval[shard] >= interval) {
                    return null;
                }
                if (before != null && !before.isDone()) {
                    return before;
                }
            }
            after = before == null ? CompletableFuture.completedFuture(null) : before.handle((r, e) -> null);
            latest.set(shard, mine);
        }
        after.thenCompose(v -> sweepOnce(shard, interval)).whenComplete((sweep, e) -> {
            if (e != null) {
                log.warn("settlement sweep of shard {} (interval {}) did not finish; it is tried again: {}", shard,
                        interval, e.toString());
                mine.completeExceptionally(e);
            } else {
                done(shard, interval);
                mine.complete(sweep);
            }
        });
        return mine;
    }

    private synchronized void done(int shard, long interval) {
        sweptInterval[shard] = Math.max(sweptInterval[shard], interval);
    }

    private CompletableFuture<Sweep> sweepOnce(int shard, long interval) {
        return shards.read(shard, l -> plan(l, shard, interval)).thenCompose(plan -> {
            long txId = plan.txId();
            CompletableFuture<Sweep> main = plan.legs().length == 0
                    ? CompletableFuture.completedFuture(new Sweep(shard, interval, txId, 0, Outcome.nothingToSweep,
                            Result.ok))
                    : shards.transact(plan.legs()).thenApply(rs -> ended(shard, interval, txId, rs));
            return main.thenCompose(sweep -> collectDebts(shard, interval, plan.debts()).thenApply(v -> sweep));
        });
    }

    /** Collects each debt in its own transaction; a refusal (the home lacks the money) is logged and waits. */
    private CompletableFuture<Void> collectDebts(int shard, long interval, List<CreateTransfer> debts) {
        List<CompletableFuture<Void>> each = new ArrayList<>();
        for (CreateTransfer debt : debts) {
            each.add(shards.transact(new CreateTransfer[] {debt}).thenAccept(rs -> {
                if (rs[0] != Result.ok && rs[0] != Result.exists) {
                    log.info("settlement of shard {} (interval {}): {} of debit balance on account {} not collected"
                            + " from {}: {}", shard, interval, debt.amount(), debt.creditAccountId(),
                            debt.debitAccountId(), rs[0].apiName());
                }
            }));
        }
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * The legs that bring every route's local account to zero. Those that debit the swept
     * shard come first, so that it coordinates its own sweep whenever it pays anything out.
     */
    private Plan plan(ShardLedger ledger, int shard, long interval) {
        List<Move> outward = new ArrayList<>();
        List<Move> inward = new ArrayList<>();
        List<CreateTransfer> debts = new ArrayList<>();
        for (SettlementAccounts.Route r : accounts.routes(ledger)) {
            AccountState a = ledger.account(r.local());
            if (a == null) {
                continue;
            }
            // Posted amounts are each at most Long.MAX_VALUE, so their difference fits a long.
            long net = a.creditsPosted() - a.debitsPosted();
            if (net > 0) {
                outward.add(new Move(r.local(), r.home(), net, a.ledger()));
            } else if (net < 0 && r.homeMayRefuse()) {
                debts.add(new CreateTransfer(transferId(r.home(), "sweep:" + shard + ":" + interval + ":debt:"
                        + r.local()), r.home(), r.local(), -net, a.ledger(), transferCode, 0, 0, 0, interval, 0));
            } else if (net < 0) {
                inward.add(new Move(r.home(), r.local(), -net, a.ledger()));
            }
        }
        List<Move> all = new ArrayList<>(outward);
        all.addAll(inward);
        if (all.size() > maxSweepLegs) {
            log.warn("shard {} has {} balances to sweep, more than maxSweepLegs ({}); the rest wait for the next"
                    + " interval", shard, all.size(), maxSweepLegs);
            all = all.subList(0, maxSweepLegs);
        }
        CreateTransfer[] legs = new CreateTransfer[all.size()];
        for (int k = 0; k < legs.length; k++) {
            Move m = all.get(k);
            String key = "sweep:" + shard + ":" + interval + (k == 0 ? "" : ":" + k);
            long id = transferId(m.debit(), key);
            int flags = k < legs.length - 1 ? TransferFlags.linked : 0;
            legs[k] = new CreateTransfer(id, m.debit(), m.credit(), m.amount(), m.ledger(), transferCode, flags, 0, 0,
                    interval, 0);
        }
        // The transaction's id is its first leg's; with nothing to move it only names the sweep.
        long txId = legs.length > 0 ? legs[0].id()
                : DerivedIds.platformId(ledger.homeSlot(), "sweep:" + shard + ":" + interval);
        return new Plan(txId, legs, debts.size() > maxSweepLegs ? debts.subList(0, maxSweepLegs) : debts);
    }

    private static Sweep ended(int shard, long interval, long txId, Result[] rs) {
        Result reason = Result.ok;
        for (Result r : rs) {
            if (r != Result.ok && r != Result.linked_event_failed) {
                reason = r;
                break;
            }
        }
        if (reason == Result.ok && rs[0] == Result.ok) {
            log.info("settlement sweep of shard {} (interval {}): {} balances moved, transaction {}", shard, interval,
                    rs.length, txId);
            return new Sweep(shard, interval, txId, rs.length, Outcome.swept, Result.ok);
        }
        if (reason == Result.exists || reason == Result.exists_with_different_fields) {
            return new Sweep(shard, interval, txId, rs.length, Outcome.alreadySwept, reason);
        }
        // A refusal is recorded under the transaction's id, so it stands for the whole interval.
        log.warn("settlement sweep of shard {} (interval {}) was refused: {}", shard, interval, reason);
        return new Sweep(shard, interval, txId, rs.length, Outcome.refused, reason);
    }

    /**
     * The id of a sweep's transfer: derived from {@code key}, so the same on every retry, in the
     * platform's range and in the slot of the account it debits, as every transfer id must be
     * (docs/API.md, Transfer ids). A leg that pays out of the swept shard is in that shard's home
     * slot; one that pays in from a global account, in the global home slot.
     */
    static long transferId(long debitAccountId, String key) {
        return DerivedIds.platformId(Ids.slotOf(debitAccountId), key);
    }
}
