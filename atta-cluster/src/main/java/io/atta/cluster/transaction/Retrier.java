package io.atta.cluster.transaction;

import io.atta.cluster.LedgerService;
import io.atta.cluster.ServiceException;
import io.atta.core.command.Command;
import io.atta.core.command.Result;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one protocol step to a shard until the shard acknowledges it: every step is idempotent,
 * so a step whose answer was lost (leader change, full queue) is sent again, with a growing
 * pause, until it is answered or the node stops.
 */
public final class Retrier {
    static final long firstPauseMs = 5;
    static final long maxPauseMs = 1_000;

    /** Runs a task after a pause: a timer thread on a node, the simulated clock in the model test. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayMs);
    }

    private final LedgerService shards;
    private final Scheduler scheduler;
    private volatile boolean halted;

    public Retrier(LedgerService shards, Scheduler scheduler) {
        this.shards = shards;
        this.scheduler = scheduler;
    }

    public CompletableFuture<Result[]> submit(int shard, Command command) {
        return submit(shard, new Command[] {command});
    }

    /** Sends commands that are applied together, in order, until the shard answers them. */
    public CompletableFuture<Result[]> submit(int shard, Command[] commands) {
        CompletableFuture<Result[]> out = new CompletableFuture<>();
        attempt(shard, commands, out, firstPauseMs);
        return out;
    }

    private void attempt(int shard, Command[] commands, CompletableFuture<Result[]> out, long pauseMs) {
        if (halted) {
            out.completeExceptionally(new ServiceException(ServiceException.Reason.stopped,
                    "the transaction driver has stopped"));
            return;
        }
        shards.submit(shard, commands).whenComplete((rs, e) -> {
            if (e == null) {
                out.complete(rs);
            } else if (TransactionCoordinator.retryable(e) && !halted) {
                scheduler.schedule(() -> attempt(shard, commands, out, Math.min(pauseMs * 2, maxPauseMs)), pauseMs);
            } else {
                out.completeExceptionally(e);
            }
        });
    }

    void halt() {
        halted = true;
    }
}
