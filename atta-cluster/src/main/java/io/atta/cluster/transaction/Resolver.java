package io.atta.cluster.transaction;

import io.atta.core.command.Command;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.FinishTransaction;
import io.atta.core.command.ResolveTransaction;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ActiveTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What is left of a group of decided transactions once their callers are answered: the
 * coordinator records what a sole participant decided (and finishes those in the same entry);
 * the others are posted or voided on every participant and then finished. Off the caller's path;
 * after a crash, the recovery scan does the same from the shards' state.
 */
final class Resolver {
    private static final Logger log = LoggerFactory.getLogger(Resolver.class);

    private final Retrier retrier;
    private final StepDriver steps;

    Resolver(Retrier retrier, StepDriver steps) {
        this.retrier = retrier;
        this.steps = steps;
    }

    CompletableFuture<Void> finishAll(int coordinator, List<ActiveTransaction> txs, StepDriver.Decided decided) {
        List<Integer> record = new ArrayList<>();
        List<Integer> resolve = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            (decided.recordLater()[i] ? record : resolve).add(i);
        }
        return CompletableFuture.allOf(record(coordinator, txs, record, decided.decisions()),
                resolveAndFinish(coordinator, txs, resolve, decided.decisions()));
    }

    /** One coordinator entry for the participants' decisions: decide then finish each, pair by pair. */
    private CompletableFuture<Void> record(int coordinator, List<ActiveTransaction> txs, List<Integer> members,
                                           Decision[] ds) {
        if (members.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        steps.checkpoint(CrashPoints.Step.beforeDecide, 0);
        Command[] commands = new Command[members.size() * 2];
        for (int j = 0; j < members.size(); j++) {
            ActiveTransaction tx = txs.get(members.get(j));
            Decision d = ds[members.get(j)];
            commands[2 * j] = new DecideTransaction(tx.txId(), d.committed(), d.reason(), d.failedLeg());
            commands[2 * j + 1] = new FinishTransaction(tx.txId());
        }
        return retrier.submit(coordinator, commands).thenAccept(rs -> {
            steps.checkpoint(CrashPoints.Step.afterDecide, 0);
            for (int j = 0; j < members.size(); j++) {
                boolean committed = ds[members.get(j)].committed();
                if (rs[2 * j] != (committed ? Result.ok : Result.transaction_aborted)) {
                    // The participant's answer is final, so no other decision can be on record.
                    log.error("transaction {} (shard {}): its participant decided {}, its coordinator answered {}",
                            txs.get(members.get(j)).txId(), coordinator, committed ? "commit" : "abort", rs[2 * j]);
                }
            }
        });
    }

    private CompletableFuture<Void> resolveAndFinish(int coordinator, List<ActiveTransaction> txs,
                                                     List<Integer> members, Decision[] ds) {
        if (members.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> acks = new ArrayList<>();
        AtomicInteger acked = new AtomicInteger();
        StepDriver.forEachParticipant(txs, members, (p, mine) -> {
            Command[] resolves = new Command[mine.size()];
            for (int j = 0; j < resolves.length; j++) {
                int i = mine.get(j);
                resolves[j] = new ResolveTransaction(coordinator, txs.get(i).txId(), ds[i].committed());
            }
            acks.add(retrier.submit(p, resolves).thenRun(() ->
                    steps.checkpoint(CrashPoints.Step.afterResolve, acked.incrementAndGet())));
        });
        return CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).thenCompose(v -> {
            steps.checkpoint(CrashPoints.Step.beforeFinish, 0);
            Command[] finishes = new Command[members.size()];
            for (int j = 0; j < finishes.length; j++) {
                finishes[j] = new FinishTransaction(txs.get(members.get(j)).txId());
            }
            return retrier.submit(coordinator, finishes).thenApply(rs -> null);
        });
    }
}
