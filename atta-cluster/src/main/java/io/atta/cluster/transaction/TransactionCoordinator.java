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
    }

    /**
     * Applies the legs (one transfer, or a linked chain) atomically across their shards. One
     * result per leg, as a linked chain on one shard would answer: all {@code ok}, all
     * {@code exists} for a repeat, or the refusal at its leg and {@code linked_event_failed} for
     * the rest. Completes once every participant has applied the decision.
     */
    public CompletableFuture<Result[]> execute(CreateTransfer[] legs) {
        int coordinator = shards.shardOf(legs[0].debitAccountId());
        long participants = participants(legs, coordinator);
        long txId = legs[0].id();
        BeginTransaction begin = new BeginTransaction(txId, participants, legs);
        // Begin is not retried here: a busy or leaderless coordinator is the caller's to retry.
        return shards.submit(coordinator, new Command[] {begin}).thenCompose(rs -> {
            if (all(rs, Result.ok)) {
                ActiveTransaction tx = new ActiveTransaction(txId, participants, legs, TransactionState.preparing,
                        Result.ok, -1, 0);
                return drive(coordinator, tx).thenApply(d -> answer(d, legs.length, false));
            }
            if (all(rs, Result.transaction_in_flight)) {
                return join(coordinator, txId).thenApply(d -> answer(d, legs.length, true));
            }
            return CompletableFuture.completedFuture(rs);
        });
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
        }).thenCompose(tx -> tx != null ? drive(coordinator, tx) : recorded(coordinator, txId));
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

    /** Takes one transaction from wherever it stands to its end; one driver per transaction at a time. */
    CompletableFuture<Decision> drive(int coordinator, ActiveTransaction tx) {
        Key key = new Key(coordinator, tx.txId());
        CompletableFuture<Decision> mine = new CompletableFuture<>();
        CompletableFuture<Decision> other = driving.putIfAbsent(key, mine);
        if (other != null) {
            return other;
        }
        CompletableFuture<Decision> decided = switch (tx.state()) {
            case preparing -> prepareAndDecide(coordinator, tx);
            case committed -> CompletableFuture.completedFuture(Decision.commit);
            case aborted -> CompletableFuture.completedFuture(new Decision(false, tx.reason(), tx.failedLeg()));
            case unknown -> CompletableFuture.failedFuture(new IllegalStateException("unknown transaction"));
        };
        decided.thenCompose(d -> resolveAll(coordinator, tx, d).thenApply(v -> d))
                .thenCompose(d -> {
                    checkpoint(CrashPoints.Step.beforeFinish, 0);
                    return retrier.submit(coordinator, new FinishTransaction(tx.txId())).thenApply(rs -> d);
                })
                .whenComplete((d, e) -> {
                    driving.remove(key, mine);
                    if (e != null) {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        if (!(cause instanceof Halted)) {
                            log.warn("transaction {} (shard {}) stopped before its end; recovery will resume it: {}",
                                    tx.txId(), coordinator, cause.toString());
                        }
                        mine.completeExceptionally(cause);
                    } else {
                        mine.complete(d);
                    }
                });
        return mine;
    }

    private CompletableFuture<Decision> prepareAndDecide(int coordinator, ActiveTransaction tx) {
        checkpoint(CrashPoints.Step.beforePrepare, 0);
        List<CompletableFuture<Result[]>> votes = new ArrayList<>();
        AtomicInteger acked = new AtomicInteger();
        PrepareTransaction prepare = new PrepareTransaction(coordinator, tx.txId(), tx.legs());
        forEachShard(tx.participants(), p -> votes.add(retrier.submit(p, prepare).thenApply(rs -> {
            checkpoint(CrashPoints.Step.afterPrepare, acked.incrementAndGet());
            return rs;
        })));
        return CompletableFuture.allOf(votes.toArray(new CompletableFuture<?>[0])).thenCompose(v -> {
            Decision wanted = Decision.commit;
            for (CompletableFuture<Result[]> f : votes) {
                Decision d = vote(f.join());
                if (!d.committed() && (wanted.committed() || d.failedLeg() < wanted.failedLeg())) {
                    wanted = d;
                }
            }
            checkpoint(CrashPoints.Step.beforeDecide, 0);
            Decision w = wanted;
            return retrier.submit(coordinator, new DecideTransaction(tx.txId(), w.committed(), w.reason(),
                    w.failedLeg())).thenCompose(rs -> {
                        checkpoint(CrashPoints.Step.afterDecide, 0);
                        if (rs[0] == Result.ok) {
                            return CompletableFuture.completedFuture(Decision.commit);
                        }
                        if (rs[0] == Result.transaction_aborted) {
                            // Another driver may have decided first, for its own reason: the log's decision counts.
                            return w.committed() ? recorded(coordinator, tx.txId())
                                    : CompletableFuture.completedFuture(w);
                        }
                        throw new IllegalStateException("decision on transaction " + tx.txId() + " answered " + rs[0]);
                    });
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

    private CompletableFuture<Void> resolveAll(int coordinator, ActiveTransaction tx, Decision d) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        AtomicInteger acked = new AtomicInteger();
        ResolveTransaction resolve = new ResolveTransaction(coordinator, tx.txId(), d.committed());
        forEachShard(tx.participants(), p -> acks.add(retrier.submit(p, resolve).thenRun(() ->
                checkpoint(CrashPoints.Step.afterResolve, acked.incrementAndGet()))));
        return CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0]));
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
        CompletableFuture<Void> coordinated = shards.read(shard, l -> l.activeTransactions()).thenAccept(list -> {
            for (ActiveTransaction tx : list) {
                if (!driving.containsKey(new Key(shard, tx.txId()))) {
                    drive(shard, tx);
                }
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

    private static void forEachShard(long mask, java.util.function.IntConsumer action) {
        for (long m = mask; m != 0; m &= m - 1) {
            action.accept(Long.numberOfTrailingZeros(m));
        }
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
