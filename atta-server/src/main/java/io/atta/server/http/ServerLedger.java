package io.atta.server.http;

import io.atta.cluster.HistoryReader;
import io.atta.cluster.LedgerService;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ShardLedger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The ledger as the HTTP layer uses it. Every future it hands out completes on the server's own
 * threads, never on a shard's: whatever a handler does next (history reads, JSON encoding,
 * writing the reply) must not hold up a shard that applies batches for everyone.
 */
public final class ServerLedger {
    private final LedgerService service;
    private final Executor serverThreads;

    public ServerLedger(LedgerService service, Executor serverThreads) {
        this.service = service;
        this.serverThreads = serverThreads;
    }

    public int shardCount() {
        return service.shardCount();
    }

    public int shardOf(long userOrAccountId) {
        return service.shardOf(userOrAccountId);
    }

    public int homeSlotOf(int shard) {
        return service.homeSlotOf(shard);
    }

    /** The ledger's time now (ns), by the clock this node stamps batches with (see {@link LedgerService#clock}). */
    public long now() {
        return service.clock().getAsLong();
    }

    public CompletableFuture<Result[]> submit(int shard, Command[] commands) {
        return onServerThreads(service.submit(shard, commands));
    }

    /** Applies transfers whose accounts span shards, all or nothing (one transfer or a chain). */
    public CompletableFuture<Result[]> transact(CreateTransfer[] legs) {
        return onServerThreads(service.transact(legs));
    }

    /** As {@link #transact} for many transactions, answered in order. */
    public CompletableFuture<java.util.List<Result[]>> transactAll(java.util.List<CreateTransfer[]> transactions) {
        return onServerThreads(service.transactAll(transactions));
    }

    /** Reads the shard holding {@code id}; {@code reader} must copy what it returns. */
    public <T> CompletableFuture<T> read(long userOrAccountId, Function<ShardLedger, T> reader) {
        return onServerThreads(service.read(service.shardOf(userOrAccountId), reader));
    }

    /** As {@link #read}, for a shard named by number (reads grouped per shard, lists over every shard). */
    public <T> CompletableFuture<T> readShard(int shard, Function<ShardLedger, T> reader) {
        return onServerThreads(service.read(shard, reader));
    }

    /** As {@link #read}, from this node's replica as it is, without asking the leader (stale read). */
    public <T> CompletableFuture<T> readStale(long userOrAccountId, Function<ShardLedger, T> reader) {
        try {
            return CompletableFuture.completedFuture(service.readStale(service.shardOf(userOrAccountId), reader));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The shard's history once this node's replica has every write acknowledged before the call
     * (linearizable); with {@code stale}, this replica's history as it is now.
     */
    public CompletableFuture<HistoryReader> history(int shard, boolean stale) {
        if (stale) {
            return CompletableFuture.completedFuture(service.history(shard));
        }
        return onServerThreads(service.awaitConsistent(shard).thenApply(v -> service.history(shard)));
    }

    /** The shard's history, linearizable. */
    public CompletableFuture<HistoryReader> history(int shard) {
        return history(shard, false);
    }

    private <T> CompletableFuture<T> onServerThreads(CompletableFuture<T> f) {
        if (f.isDone()) {
            return f;
        }
        return f.whenCompleteAsync((v, e) -> {
        }, serverThreads);
    }
}
