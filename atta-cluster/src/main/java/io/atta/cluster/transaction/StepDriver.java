package io.atta.cluster.transaction;

import io.atta.cluster.LedgerService;
import io.atta.core.command.Command;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.PrepareTransaction;
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
 * participant and decide (for those still preparing), answer, then resolve everywhere and
 * finish ({@link Resolver}). One command array per shard and step; one driver per transaction at
 * a time (the {@link #driving} map), so a caller, a retry and the recovery scan never drive the
 * same transaction twice at once.
 */
final class StepDriver {
    private static final Logger log = LoggerFactory.getLogger(StepDriver.class);

    record Key(int coordinator, long txId) {
    }

    /**
     * A group's durable decisions, and which of them the coordinator has yet to record: those its
     * one participant decided ({@link #participantDecides}).
     */
    record Decided(Decision[] decisions, boolean[] recordLater) {
    }

    private final LedgerService shards;
    private final Retrier retrier;
    private final CrashPoints crash;
    final ConcurrentHashMap<Key, CompletableFuture<Decision>> driving = new ConcurrentHashMap<>();
    private volatile boolean halted;

    /** Work left after the answers, by shard: reads through this node wait for it. */
    final Settling settling;
    private final Resolver resolver;

    StepDriver(LedgerService shards, Retrier retrier, CrashPoints crash) {
        this.shards = shards;
        this.retrier = retrier;
        this.crash = crash;
        this.settling = new Settling();
        this.resolver = new Resolver(retrier, this);
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

    /**
     * Drives one group to its end. Callers are answered as soon as every decision is durable;
     * what remains (the coordinator's record of a participant's decision, the resolves, the
     * finish) runs in the background, tracked by {@link #settling} so that reads through this
     * node wait for it, and the group stays in {@link #driving} until it is done.
     */
    private void driveGroup(int coordinator, List<ActiveTransaction> txs, List<CompletableFuture<Decision>> futures) {
        CompletableFuture<Void> background = new CompletableFuture<>();
        CompletableFuture.completedFuture(null).thenCompose(x -> decideAll(coordinator, txs)).thenCompose(decided -> {
            settling.track(touched(coordinator, txs), background);
            for (int i = 0; i < txs.size(); i++) {
                futures.get(i).complete(decided.decisions()[i]);
            }
            checkpoint(CrashPoints.Step.afterAnswer, 0);
            return resolver.finishAll(coordinator, txs, decided);
        }).whenComplete((v, e) -> {
            for (int i = 0; i < txs.size(); i++) {
                driving.remove(new Key(coordinator, txs.get(i).txId()), futures.get(i));
            }
            background.complete(null);
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (!(cause instanceof TransactionCoordinator.Halted)) {
                    log.warn("{} transactions (shard {}) stopped before their end; recovery will resume them: {}",
                            txs.size(), coordinator, cause.toString());
                }
                futures.forEach(f -> f.completeExceptionally(cause));
            }
        });
    }

    /** The bit set of the shards a group's transactions touch: the coordinator and every participant. */
    private static long touched(int coordinator, List<ActiveTransaction> txs) {
        long mask = 1L << coordinator;
        for (ActiveTransaction tx : txs) {
            mask |= tx.participants();
        }
        return mask;
    }

    /**
     * Whether the transaction's one participant decides it (docs/TRANSACTIONS.md): with a single
     * participant, its prepare posts or refuses for good, and the caller is answered from it.
     */
    static boolean participantDecides(ActiveTransaction tx) {
        return Long.bitCount(tx.participants()) == 1;
    }

    /**
     * Each transaction's decision, durable once this completes: those still preparing are
     * prepared everywhere, and decided by the coordinator, or by their one participant (which
     * the coordinator records later, {@link Decided#recordLater}).
     */
    private CompletableFuture<Decided> decideAll(int coordinator, List<ActiveTransaction> txs) {
        Decision[] ds = new Decision[txs.size()];
        boolean[] recordLater = new boolean[txs.size()];
        Decided decided = new Decided(ds, recordLater);
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
            return CompletableFuture.completedFuture(decided);
        }
        checkpoint(CrashPoints.Step.beforePrepare, 0);
        Decision[] wanted = new Decision[ds.length];
        int[] wantedFrom = new int[ds.length];
        for (int i : preparing) {
            wanted[i] = Decision.commit;
        }
        List<CompletableFuture<Void>> votes = new ArrayList<>();
        AtomicInteger acked = new AtomicInteger();
        forEachParticipant(txs, preparing, (p, members) -> {
            Command[] prepares = new Command[members.size()];
            for (int j = 0; j < prepares.length; j++) {
                ActiveTransaction tx = txs.get(members.get(j));
                prepares[j] = new PrepareTransaction(coordinator, tx.txId(), tx.legs(), participantDecides(tx));
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
            List<Integer> coordinatorDecides = new ArrayList<>();
            for (int i : preparing) {
                if (participantDecides(txs.get(i))) {
                    ds[i] = wanted[i];
                    recordLater[i] = true;
                } else {
                    coordinatorDecides.add(i);
                }
            }
            return coordinatorDecides.isEmpty() ? CompletableFuture.completedFuture(decided)
                    : decide(coordinator, txs, coordinatorDecides, wanted, ds).thenApply(x -> decided);
        });
    }

    /** Logs the coordinator's decision on {@code members}, as the votes want it, into {@code ds}. */
    private CompletableFuture<Void> decide(int coordinator, List<ActiveTransaction> txs, List<Integer> members,
                                           Decision[] wanted, Decision[] ds) {
        checkpoint(CrashPoints.Step.beforeDecide, 0);
        Command[] decides = new Command[members.size()];
        for (int j = 0; j < decides.length; j++) {
            int i = members.get(j);
            decides[j] = new DecideTransaction(txs.get(i).txId(), wanted[i].committed(), wanted[i].reason(),
                    wanted[i].failedLeg());
        }
        return retrier.submit(coordinator, decides).thenCompose(rs -> {
            checkpoint(CrashPoints.Step.afterDecide, 0);
            List<CompletableFuture<Void>> reads = new ArrayList<>();
            for (int j = 0; j < rs.length; j++) {
                int i = members.get(j);
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
            return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0]));
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

    /** Calls {@code action} once per participant shard, in shard order, with the members (indexes) it holds pieces of. */
    static void forEachParticipant(List<ActiveTransaction> txs, List<Integer> members,
                                           BiConsumer<Integer, List<Integer>> action) {
        Map<Integer, List<Integer>> byShard = new TreeMap<>();
        for (int i : members) {
            for (long m = txs.get(i).participants(); m != 0; m &= m - 1) {
                byShard.computeIfAbsent(Long.numberOfTrailingZeros(m), k -> new ArrayList<>()).add(i);
            }
        }
        byShard.forEach(action);
    }

    /** Stops this driver (throws {@link TransactionCoordinator.Halted}) when the crash points say so, or it was stopped. */
    void checkpoint(CrashPoints.Step step, int ordinal) {
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
