package io.atta.cluster.transaction;

import io.atta.cluster.LedgerService;
import io.atta.cluster.ServiceException;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ActiveTransaction;
import io.atta.engine.ledger.TransactionState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * Drives cross-shard transactions through two-phase commit on pending transfers (ARCHITECTURE
 * §5, docs/TRANSACTIONS.md): begin (and prepare locally) on the coordinator, prepare on every
 * other participant, log the decision on the coordinator, answer, then post or void everywhere
 * and finish in the background. A transaction with one participant is decided by that
 * participant's prepare: two log entries before the answer instead of three. Every step is a
 * command in a shard's log and idempotent, so a step whose answer was lost is simply sent again.
 *
 * <p>Nothing the protocol needs lives only here: after a crash, {@link #recover} finds every
 * unfinished transaction in the coordinators' state and drives it to its end, and participants
 * that have waited too long for a decision ask the coordinator for it (never guess).
 */
public final class TransactionCoordinator implements AutoCloseable {
    /** How long a participant holds prepared pieces before it asks the coordinator for the decision. */
    public static final long askCoordinatorAfterMs = 5_000;
    /**
     * How old a transaction begun since this driver started must be before {@link #recover}
     * takes it up: younger ones are normally in the hands of their first driver.
     */
    public static final long recoverAfterMs = 2_000;

    private final LedgerService shards;
    private final StepDriver steps;
    private final Recovery recovery;

    /** Thrown through a driver's futures when a crash point stopped it. */
    static final class Halted extends RuntimeException {
        Halted() {
            super("the transaction driver was stopped at a crash point", null, false, false);
        }
    }

    public TransactionCoordinator(LedgerService shards, Retrier retrier, CrashPoints crash, LongSupplier clockNanos) {
        this.shards = shards;
        this.steps = new StepDriver(shards, retrier, crash);
        this.recovery = new Recovery(shards, retrier, steps, clockNanos);
    }

    /**
     * Applies the legs (one transfer, or a linked chain) atomically across their shards. One
     * result per leg, as a linked chain on one shard would answer: all {@code ok}, all
     * {@code exists} for a repeat, or the refusal at its leg and {@code linked_event_failed} for
     * the rest. Completes once the decision is durable; the pieces on other shards are posted or
     * voided right after, and reads through this node wait for that ({@link #settled}).
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
        List<CompletableFuture<Decision>> decisions = steps.driveAll(coordinator, begun);
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
        CompletableFuture<Decision> running = steps.running(coordinator, txId);
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
        }).thenCompose(tx -> tx != null ? steps.driveAll(coordinator, List.of(tx)).get(0)
                : steps.recorded(coordinator, txId));
    }

    /** True once a crash point stopped this driver: it sends nothing more. */
    public boolean halted() {
        return steps.halted();
    }

    /**
     * Resumes every unfinished transaction that {@code shard} coordinates, and asks the
     * coordinators of the transactions it has held prepared for longer than
     * {@link #askCoordinatorAfterMs}. Run when a node starts and every second on each shard it
     * leads; a transaction already being driven is left to its driver.
     */
    public CompletableFuture<Void> recover(int shard) {
        return recovery.recover(shard);
    }

    /**
     * Completes once the transactions this driver answered before the call are resolved on
     * {@code shard} (or after {@link Settling#maxSettleWaitMs}): a consistent read waits for it.
     */
    public CompletableFuture<Void> settled(int shard) {
        return steps.settling.settled(shard);
    }

    /** Transactions being driven right now. */
    public int drivingCount() {
        return steps.driving.size();
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
        steps.halt();
    }

    static boolean retryable(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return c instanceof ServiceException s && s.reason() != ServiceException.Reason.stopped;
    }
}
