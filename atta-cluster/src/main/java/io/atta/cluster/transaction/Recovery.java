package io.atta.cluster.transaction;

import io.atta.cluster.LedgerService;
import io.atta.core.command.ResolveTransaction;
import io.atta.engine.ledger.ActiveTransaction;
import io.atta.engine.ledger.PreparedTransaction;
import io.atta.engine.ledger.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Finds what a crash or a stopped driver left unfinished and drives it to its end: the
 * transactions a shard coordinates, and the pieces it holds prepared for another coordinator
 * (by asking that coordinator for its decision; never guessing).
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final LedgerService shards;
    private final Retrier retrier;
    private final StepDriver steps;
    private final LongSupplier clockNanos;
    /** When this driver started, by the leader's clock: what began before it has no other driver. */
    private final long startedAt;

    Recovery(LedgerService shards, Retrier retrier, StepDriver steps, LongSupplier clockNanos) {
        this.shards = shards;
        this.retrier = retrier;
        this.steps = steps;
        this.clockNanos = clockNanos;
        this.startedAt = clockNanos.getAsLong();
    }

    /**
     * Resumes every unfinished transaction that {@code shard} coordinates, and asks the
     * coordinators of the transactions it has held prepared for longer than
     * {@link TransactionCoordinator#askCoordinatorAfterMs}. Run when a shard's leader starts and periodically; a
     * transaction already being driven is left to its driver.
     */
    CompletableFuture<Void> recover(int shard) {
        if (steps.halted()) {
            return CompletableFuture.completedFuture(null);
        }
        long youngAfter = clockNanos.getAsLong() - TransactionCoordinator.recoverAfterMs * 1_000_000L;
        CompletableFuture<Void> coordinated = shards.read(shard, l -> l.activeTransactions()).thenAccept(list -> {
            List<ActiveTransaction> idle = new ArrayList<>();
            for (ActiveTransaction tx : list) {
                boolean orphan = tx.beganAt() < startedAt || tx.beganAt() < youngAfter;
                if (orphan && !steps.isDriving(shard, tx.txId())) {
                    idle.add(tx);
                }
            }
            if (!idle.isEmpty()) {
                steps.driveAll(shard, idle);
            }
        });
        long askBefore = clockNanos.getAsLong() - TransactionCoordinator.askCoordinatorAfterMs * 1_000_000L;
        CompletableFuture<Void> prepared = shards.read(shard, l -> l.preparedTransactions()).thenAccept(list -> {
            for (PreparedTransaction p : list) {
                if (p.preparedAt() < askBefore && !steps.isDriving(p.coordinator(), p.txId())) {
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

}
