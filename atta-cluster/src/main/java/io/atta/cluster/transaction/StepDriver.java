package io.atta.cluster.transaction;

import io.atta.cluster.LedgerService;
import io.atta.core.command.Command;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.FinishTransaction;
import io.atta.core.command.PrepareTransaction;
import io.atta.core.command.ResolveTransaction;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ActiveTransaction;
import io.atta.engine.ledger.TransactionOutcome;
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

/**
 * Moves groups of transactions of one coordinator through the protocol's steps: prepare on every
 * participant and decide (for those still preparing), resolve everywhere, finish. One command
 * array per shard and step; one driver per transaction at a time (the {@link #driving} map), so
 * a caller, a retry and the recovery scan never drive the same transaction twice at once.
 */
final class StepDriver {
    private static final Logger log = LoggerFactory.getLogger(StepDriver.class);

    record Key(int coordinator, long txId) {
    }

    private final LedgerService shards;
    private final Retrier retrier;
    private final CrashPoints crash;
    final ConcurrentHashMap<Key, CompletableFuture<Decision>> driving = new ConcurrentHashMap<>();
    private volatile boolean halted;

    StepDriver(LedgerService shards, Retrier retrier, CrashPoints crash) {
        this.shards = shards;
        this.retrier = retrier;
        this.crash = crash;
    }

    boolean isDriving(int coordinator, long txId) {
        return driving.containsKey(new Key(coordinator, txId));
    }

    CompletableFuture<Decision> running(int coordinator, long txId) {
        return driving.get(new Key(coordinator, txId));
    }

    /** The decision the coordinator's log holds for a transaction that is no longer active. */
    CompletableFuture<Decision> recorded(int coordinator, long txId) {
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
                        if (!(cause instanceof TransactionCoordinator.Halted)) {
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

    private void checkpoint(CrashPoints.Step step, int ordinal) {
        if (halted) {
            throw new TransactionCoordinator.Halted();
        }
        if (crash.dieAt(step, ordinal)) {
            halted = true;
            retrier.halt();
            throw new TransactionCoordinator.Halted();
        }
    }

    boolean halted() {
        return halted;
    }

    void halt() {
        halted = true;
        retrier.halt();
    }

    private static boolean all(Result[] rs, Result r) {
        for (Result x : rs) {
            if (x != r) {
                return false;
            }
        }
        return rs.length > 0;
    }

}
