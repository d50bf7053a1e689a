package io.atta.cluster.transaction;

import io.atta.cluster.LedgerService;
import io.atta.cluster.ServiceException;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.FinishTransaction;
import io.atta.core.command.PrepareTransaction;
import io.atta.core.command.ResolveTransaction;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ActiveTransaction;
import io.atta.engine.ledger.PreparedTransaction;
import io.atta.engine.ledger.TransactionOutcome;
import io.atta.engine.ledger.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Drives cross-shard transactions through two-phase commit on pending transfers (ARCHITECTURE
 * §5): begin (and prepare locally) on the coordinator, prepare on every other participant, log
 * the decision on the coordinator, post or void everywhere, finish. Every step is a command in
 * a shard's log and idempotent, so a step whose answer was lost is simply sent again.
 *
 * <p>Nothing the protocol needs lives only here: after a crash, {@link #recover} finds every
 * unfinished transaction in the coordinators' state and drives it to its end, and participants
 * that have waited too long for a decision ask the coordinator for it (never guess).
 */
public final class TransactionCoordinator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionCoordinator.class);
    /** How long a participant holds prepared pieces before it asks the coordinator for the decision. */
    public static final long askCoordinatorAfterMs = 5_000;
    /**
     * How old a transaction begun since this driver started must be before {@link #recover}
     * takes it up: younger ones are normally in the hands of their first driver.
     */
    public static final long recoverAfterMs = 2_000;

    private final LedgerService shards;
    private final Retrier retrier;
    private final CrashPoints crash;
    private final LongSupplier clockNanos;
    private final ConcurrentHashMap<Key, CompletableFuture<Decision>> driving = new ConcurrentHashMap<>();
    private volatile boolean halted;

    private record Key(int coordinator, long txId) {
    }

    /** The end of a transaction: committed, or aborted because {@code failedLeg} was refused with {@code reason}. */
    record Decision(boolean committed, Result reason, int failedLeg) {
        static final Decision commit = new Decision(true, Result.ok, -1);
    }

    /** Thrown through a driver's futures when a crash point stopped it. */
    static final class Halted extends RuntimeException {
        Halted() {
            super("the transaction driver was stopped at a crash point", null, false, false);
        }
    }

    public TransactionCoordinator(LedgerService shards, Retrier retrier, CrashPoints crash, LongSupplier clockNanos) {
        this.shards = shards;
        this.retrier = retrier;
        this.crash = crash;
        this.clockNanos = clockNanos;
        this.startedAt = clockNanos.getAsLong();
    }

    /** When this driver started, by the leader's clock: what began before it has no other driver. */
    private final long startedAt;

    /**
     * Applies the legs (one transfer, or a linked chain) atomically across their shards. One
     * result per leg, as a linked chain on one shard would answer: all {@code ok}, all
     * {@code exists} for a repeat, or the refusal at its leg and {@code linked_event_failed} for
     * the rest. Completes once every participant has applied the decision.
     */
    public CompletableFuture<Result[]> execute(CreateTransfer[] legs) {
        return executeAll(java.util.Collections.singletonList(legs)).thenApply(all -> all.get(0));
    }

    /**
     * As {@link #execute} for many transactions at once, answered in order. Transactions with
     * the same coordinator move through each step together: one command array per shard and
     * step, so a batch of thousands costs a handful of log entries, not thousands.
     */
    public CompletableFuture<List<Result[]>> executeAll(List<CreateTransfer[]> all) {
        int n = all.size();
        List<CompletableFuture<Result[]>> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            answers.add(null);
        }
        Map<Integer, List<Integer>> byCoordinator = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byCoordinator.computeIfAbsent(shards.shardOf(all.get(i)[0].debitAccountId()), k -> new ArrayList<>())
                    .add(i);
        }
        for (Map.Entry<Integer, List<Integer>> e : byCoordinator.entrySet()) {
            int coordinator = e.getKey();
            List<Integer> members = e.getValue();
            Command[] begins = new Command[members.size()];
            long[] participants = new long[members.size()];
            for (int j = 0; j < begins.length; j++) {
                CreateTransfer[] legs = all.get(members.get(j));
                participants[j] = participants(legs, coordinator);
                begins[j] = new BeginTransaction(legs[0].id(), participants[j], legs);
            }
            // Begin is not retried here: a busy or leaderless coordinator is the caller's to retry.
            CompletableFuture<List<CompletableFuture<Result[]>>> begun = shards.submit(coordinator, begins)
                    .thenApply(rs -> afterBegin(coordinator, all, members, participants, rs));
            for (int j = 0; j < members.size(); j++) {
                int slot = j;
                answers.set(members.get(j), begun.thenCompose(list -> list.get(slot)));
            }
        }
        return CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<Result[]> out = new ArrayList<>(n);
            for (CompletableFuture<Result[]> f : answers) {
                out.add(f.join());
            }
            return out;
        });
    }

    /** Answers, per member, what its begin said: drive it, wait for it, or the refusal as it is. */
    private List<CompletableFuture<Result[]>> afterBegin(int coordinator, List<CreateTransfer[]> all,
                                                        List<Integer> members, long[] participants, Result[] rs) {
        List<CompletableFuture<Result[]>> out = new ArrayList<>(members.size());
        List<ActiveTransaction> begun = new ArrayList<>();
        List<Integer> begunAt = new ArrayList<>();
        int offset = 0;
        for (int j = 0; j < members.size(); j++) {
            CreateTransfer[] legs = all.get(members.get(j));
            Result[] mine = Arrays.copyOfRange(rs, offset, offset + legs.length);
            offset += legs.length;
            if (all(mine, Result.ok)) {
                begun.add(new ActiveTransaction(legs[0].id(), participants[j], legs, TransactionState.preparing,
                        Result.ok, -1, 0));
                begunAt.add(j);
                out.add(null);
            } else if (all(mine, Result.transaction_in_flight)) {
                out.add(join(coordinator, legs[0].id()).thenApply(d -> answer(d, legs.length, true)));
            } else {
                out.add(CompletableFuture.completedFuture(mine));
            }
        }
        List<CompletableFuture<Decision>> decisions = driveAll(coordinator, begun);
        for (int k = 0; k < begun.size(); k++) {
            int legs = begun.get(k).legs().length;
            out.set(begunAt.get(k), decisions.get(k).thenApply(d -> answer(d, legs, false)));
        }
        return out;
    }

    /** The bit set of the shards other than the coordinator that hold a piece of the legs. */
    long participants(CreateTransfer[] legs, int coordinator) {
        long mask = 0;
        for (CreateTransfer t : legs) {
            mask |= 1L << shards.shardOf(t.debitAccountId());
            mask |= 1L << shards.shardOf(t.creditAccountId());
        }
        return mask & ~(1L << coordinator);
    }

    /** Waits for a transaction someone else is driving, or drives it if no one is. */
    private CompletableFuture<Decision> join(int coordinator, long txId) {
        CompletableFuture<Decision> running = driving.get(new Key(coordinator, txId));
        if (running != null) {
            return running;
        }
        return shards.read(coordinator, l -> {
            for (ActiveTransaction t : l.activeTransactions()) {
                if (t.txId() == txId) {
                    return t;
                }
            }
            return null;
        }).thenCompose(tx -> tx != null ? driveAll(coordinator, List.of(tx)).get(0) : recorded(coordinator, txId));
    }

    private CompletableFuture<Decision> recorded(int coordinator, long txId) {
        return shards.read(coordinator, l -> l.transactionOutcome(txId)).thenApply(o -> {
            if (o == null) {
                throw new IllegalStateException("transaction " + txId + " on shard " + coordinator
                        + " is neither active nor decided");
            }
            return decision(o);
        });
    }

    private static Decision decision(TransactionOutcome o) {
        return o.committed() ? Decision.commit : new Decision(false, o.reason(), o.failedLeg());
    }

    /**
     * Takes transactions of one coordinator from wherever each stands to its end, one driver per
     * transaction at a time: those already being driven are joined, the rest move through the
     * steps together, in groups of at most {@link #maxGroup}.
     */
    List<CompletableFuture<Decision>> driveAll(int coordinator, List<ActiveTransaction> txs) {
        List<CompletableFuture<Decision>> out = new ArrayList<>(txs.size());
        List<ActiveTransaction> mine = new ArrayList<>();
        List<CompletableFuture<Decision>> mineFutures = new ArrayList<>();
        for (ActiveTransaction tx : txs) {
            CompletableFuture<Decision> f = new CompletableFuture<>();
            CompletableFuture<Decision> other = driving.putIfAbsent(new Key(coordinator, tx.txId()), f);
            if (other != null) {
                out.add(other);
            } else {
                out.add(f);
                mine.add(tx);
                mineFutures.add(f);
            }
        }
        for (int from = 0; from < mine.size(); from += maxGroup) {
            int to = Math.min(mine.size(), from + maxGroup);
            driveGroup(coordinator, mine.subList(from, to), mineFutures.subList(from, to));
        }
        return out;
    }

    /** Most transactions moved through one step in one command array. */
    static final int maxGroup = 4096;

    private void driveGroup(int coordinator, List<ActiveTransaction> txs, List<CompletableFuture<Decision>> futures) {
        decideAll(coordinator, txs)
                .thenCompose(ds -> resolveAll(coordinator, txs, ds).thenApply(v -> ds))
                .thenCompose(ds -> {
                    checkpoint(CrashPoints.Step.beforeFinish, 0);
                    Command[] finishes = new Command[txs.size()];
                    for (int i = 0; i < finishes.length; i++) {
                        finishes[i] = new FinishTransaction(txs.get(i).txId());
                    }
                    return retrier.submit(coordinator, finishes).thenApply(rs -> ds);
                })
                .whenComplete((ds, e) -> {
                    for (int i = 0; i < txs.size(); i++) {
                        driving.remove(new Key(coordinator, txs.get(i).txId()), futures.get(i));
                    }
                    if (e != null) {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        if (!(cause instanceof Halted)) {
                            log.warn("{} transactions (shard {}) stopped before their end; recovery will resume them:"
                                    + " {}", txs.size(), coordinator, cause.toString());
                        }
                        futures.forEach(f -> f.completeExceptionally(cause));
                    } else {
                        for (int i = 0; i < txs.size(); i++) {
                            futures.get(i).complete(ds[i]);
                        }
                    }
                });
    }

    /** The decision of each transaction: those still preparing are prepared everywhere and decided. */
    private CompletableFuture<Decision[]> decideAll(int coordinator, List<ActiveTransaction> txs) {
        Decision[] ds = new Decision[txs.size()];
        List<Integer> preparing = new ArrayList<>();
        for (int i = 0; i < ds.length; i++) {
            ActiveTransaction tx = txs.get(i);
            switch (tx.state()) {
                case preparing -> preparing.add(i);
                case committed -> ds[i] = Decision.commit;
                case aborted -> ds[i] = new Decision(false, tx.reason(), tx.failedLeg());
                case unknown -> throw new IllegalStateException("unknown transaction " + tx.txId());
            }
        }
        if (preparing.isEmpty()) {
            return CompletableFuture.completedFuture(ds);
        }
        checkpoint(CrashPoints.Step.beforePrepare, 0);
        Decision[] wanted = new Decision[ds.length];
        int[] wantedFrom = new int[ds.length];
        for (int i : preparing) {
            wanted[i] = Decision.commit;
        }
        List<CompletableFuture<Void>> votes = new ArrayList<>();
        AtomicInteger acked = new AtomicInteger();
        forEachParticipant(coordinator, txs, preparing, (p, members) -> {
            Command[] prepares = new Command[members.size()];
            for (int j = 0; j < prepares.length; j++) {
                ActiveTransaction tx = txs.get(members.get(j));
                prepares[j] = new PrepareTransaction(coordinator, tx.txId(), tx.legs());
            }
            votes.add(retrier.submit(p, prepares).thenAccept(rs -> {
                checkpoint(CrashPoints.Step.afterPrepare, acked.incrementAndGet());
                int offset = 0;
                synchronized (wanted) {
                    for (int i : members) {
                        int legs = txs.get(i).legs().length;
                        Decision d = vote(Arrays.copyOfRange(rs, offset, offset + legs));
                        offset += legs;
                        // The first refusal by leg; between shards refusing the same leg, the lowest
                        // shard's, so the answer does not depend on which reply came first.
                        if (!d.committed() && (wanted[i].committed() || d.failedLeg() < wanted[i].failedLeg()
                                || d.failedLeg() == wanted[i].failedLeg() && p < wantedFrom[i])) {
                            wanted[i] = d;
                            wantedFrom[i] = p;
                        }
                    }
                }
            }));
        });
        return CompletableFuture.allOf(votes.toArray(new CompletableFuture<?>[0])).thenCompose(v -> {
            checkpoint(CrashPoints.Step.beforeDecide, 0);
            Command[] decides = new Command[preparing.size()];
            for (int j = 0; j < decides.length; j++) {
                int i = preparing.get(j);
                decides[j] = new DecideTransaction(txs.get(i).txId(), wanted[i].committed(), wanted[i].reason(),
                        wanted[i].failedLeg());
            }
            return retrier.submit(coordinator, decides);
        }).thenCompose(rs -> {
            checkpoint(CrashPoints.Step.afterDecide, 0);
            List<CompletableFuture<Void>> reads = new ArrayList<>();
            for (int j = 0; j < rs.length; j++) {
                int i = preparing.get(j);
                if (rs[j] == Result.ok) {
                    ds[i] = Decision.commit;
                } else if (rs[j] == Result.transaction_aborted && !wanted[i].committed()) {
                    ds[i] = wanted[i];
                } else if (rs[j] == Result.transaction_aborted) {
                    // Another driver decided first, for its own reason: the log's decision counts.
                    reads.add(recorded(coordinator, txs.get(i).txId()).thenAccept(d -> ds[i] = d));
                } else {
                    throw new IllegalStateException("decision on transaction " + txs.get(i).txId() + " answered "
                            + rs[j]);
                }
            }
            return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(v -> ds);
        });
    }

    /** A participant's answer as a vote: all {@code ok} is yes; else the first refusal, by leg. */
    private static Decision vote(Result[] rs) {
        for (int i = 0; i < rs.length; i++) {
            if (rs[i] != Result.ok && rs[i] != Result.linked_event_failed) {
                return new Decision(false, rs[i], i);
            }
        }
        return all(rs, Result.ok) ? Decision.commit : new Decision(false, Result.linked_event_failed, 0);
    }

    private CompletableFuture<Void> resolveAll(int coordinator, List<ActiveTransaction> txs, Decision[] ds) {
        List<Integer> everyone = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            everyone.add(i);
        }
        List<CompletableFuture<?>> acks = new ArrayList<>();
        AtomicInteger acked = new AtomicInteger();
        forEachParticipant(coordinator, txs, everyone, (p, members) -> {
            Command[] resolves = new Command[members.size()];
            for (int j = 0; j < resolves.length; j++) {
                int i = members.get(j);
                resolves[j] = new ResolveTransaction(coordinator, txs.get(i).txId(), ds[i].committed());
            }
            acks.add(retrier.submit(p, resolves).thenRun(() ->
                    checkpoint(CrashPoints.Step.afterResolve, acked.incrementAndGet())));
        });
        return CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0]));
    }

    /** Calls {@code action} once per participant shard, in shard order, with the members (indexes) it holds pieces of. */
    private static void forEachParticipant(int coordinator, List<ActiveTransaction> txs, List<Integer> members,
                                           BiConsumer<Integer, List<Integer>> action) {
        Map<Integer, List<Integer>> byShard = new TreeMap<>();
        for (int i : members) {
            for (long m = txs.get(i).participants(); m != 0; m &= m - 1) {
                byShard.computeIfAbsent(Long.numberOfTrailingZeros(m), k -> new ArrayList<>()).add(i);
            }
        }
        byShard.forEach(action);
    }

    /**
     * Resumes every unfinished transaction that {@code shard} coordinates, and asks the
     * coordinators of the transactions it has held prepared for longer than
     * {@link #askCoordinatorAfterMs}. Run when a shard's leader starts and periodically; a
     * transaction already being driven is left to its driver.
     */
    public CompletableFuture<Void> recover(int shard) {
        if (halted) {
            return CompletableFuture.completedFuture(null);
        }
        long youngAfter = clockNanos.getAsLong() - recoverAfterMs * 1_000_000L;
        CompletableFuture<Void> coordinated = shards.read(shard, l -> l.activeTransactions()).thenAccept(list -> {
            List<ActiveTransaction> idle = new ArrayList<>();
            for (ActiveTransaction tx : list) {
                boolean orphan = tx.beganAt() < startedAt || tx.beganAt() < youngAfter;
                if (orphan && !driving.containsKey(new Key(shard, tx.txId()))) {
                    idle.add(tx);
                }
            }
            if (!idle.isEmpty()) {
                driveAll(shard, idle);
            }
        });
        long askBefore = clockNanos.getAsLong() - askCoordinatorAfterMs * 1_000_000L;
        CompletableFuture<Void> prepared = shards.read(shard, l -> l.preparedTransactions()).thenAccept(list -> {
            for (PreparedTransaction p : list) {
                if (p.preparedAt() < askBefore && !driving.containsKey(new Key(p.coordinator(), p.txId()))) {
                    askCoordinator(shard, p);
                }
            }
        });
        return CompletableFuture.allOf(coordinated, prepared).exceptionally(e -> null);
    }

    /** Resolves a long-prepared piece with the coordinator's decision; undecided ones stay prepared. */
    private void askCoordinator(int participant, PreparedTransaction p) {
        shards.read(p.coordinator(), l -> l.transactionState(p.txId())).thenCompose(state -> {
            if (state == TransactionState.committed || state == TransactionState.aborted) {
                return retrier.submit(participant, new ResolveTransaction(p.coordinator(), p.txId(),
                        state == TransactionState.committed)).thenApply(rs -> null);
            }
            if (state == TransactionState.unknown) {
                log.error("shard {} holds transaction {} prepared, which its coordinator (shard {}) does not know;"
                        + " it stays prepared", participant, p.txId(), p.coordinator());
            }
            return CompletableFuture.completedFuture(null);
        }).exceptionally(e -> null);
    }

    private void checkpoint(CrashPoints.Step step, int ordinal) {
        if (halted) {
            throw new Halted();
        }
        if (crash.dieAt(step, ordinal)) {
            halted = true;
            retrier.halt();
            throw new Halted();
        }
    }

    /** True once a crash point stopped this driver: it sends nothing more. */
    public boolean halted() {
        return halted;
    }

    /** Transactions being driven right now. */
    public int drivingCount() {
        return driving.size();
    }


    private static boolean all(Result[] rs, Result r) {
        for (Result x : rs) {
            if (x != r) {
                return false;
            }
        }
        return rs.length > 0;
    }

    /** The caller's results: a repeat of a committed request answers {@code exists}, as a local transfer would. */
    private static Result[] answer(Decision d, int legs, boolean repeat) {
        Result[] out = new Result[legs];
        if (d.committed()) {
            Arrays.fill(out, repeat ? Result.exists : Result.ok);
        } else {
            Arrays.fill(out, Result.linked_event_failed);
            out[Math.max(0, Math.min(d.failedLeg(), legs - 1))] = d.reason();
        }
        return out;
    }

    @Override
    public void close() {
        halted = true;
        retrier.halt();
    }

    static boolean retryable(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return c instanceof ServiceException s && s.reason() != ServiceException.Reason.stopped;
    }
}
