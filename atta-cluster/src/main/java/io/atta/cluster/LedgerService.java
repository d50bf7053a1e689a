package io.atta.cluster;

import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ShardLedger;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the HTTP layer sees of the shards: submit commands to a shard, read its applied state,
 * query its history. Futures fail with {@link ServiceException} (busy, not leader, stopped);
 * business outcomes are {@link Result} values.
 */
public interface LedgerService {
    int shardCount();

    /** Which shard serves each slot; {@link #shardOf} and {@link #homeSlotOf} answer by it. */
    Routing routing();

    /** The shard that holds a user or account id (by the slot the id carries). */
    int shardOf(long userOrAccountId);

    /** The slot whose reserved ids hold a shard's house accounts. */
    int homeSlotOf(int shard);

    /**
     * The clock this node stamps its batches with when it leads (ns since the epoch; the test
     * clock on a node started with one): what a reader judges deadlines by when a shard has
     * applied nothing for a while, so its last batch's time lags. By default the wall clock.
     */
    default java.util.function.LongSupplier clock() {
        return AttaNode::wallClockNanos;
    }

    /**
     * Submits commands that are applied in order and contiguously, within one log entry of the
     * shard (so a linked chain stays whole). The future completes with one result per command
     * once the entry is durable and applied.
     */
    CompletableFuture<Result[]> submit(int shard, Command[] commands);

    /**
     * Runs {@code reader} against the shard's applied state, with the applying thread kept out,
     * after every write acknowledged before the call. The reader must copy what it returns.
     */
    <T> CompletableFuture<T> read(int shard, Function<ShardLedger, T> reader);

    /**
     * Runs {@code reader} against this node's replica of the shard as it is, without asking the
     * leader (opt-in stale read): it may miss writes acknowledged a moment ago. On a single node,
     * which leads every shard, it misses nothing that was acknowledged.
     */
    <T> T readStale(int shard, Function<ShardLedger, T> reader);

    /**
     * Completes once this node's replica of the shard has applied every write acknowledged
     * before the call (ReadIndex), so that its {@link #history} reads are linearizable.
     */
    CompletableFuture<Void> awaitConsistent(int shard);

    /**
     * Applies transfers whose accounts live on several shards, all or nothing, by two-phase
     * commit (docs/ARCHITECTURE.md §5): one transfer, or a linked chain. One result per transfer, as a
     * chain on one shard would answer.
     */
    CompletableFuture<Result[]> transact(io.atta.core.command.CreateTransfer[] legs);

    /**
     * As {@link #transact} for many transactions, answered in order; an implementation may move
     * them through the protocol together.
     */
    default CompletableFuture<java.util.List<Result[]>> transactAll(
            java.util.List<io.atta.core.command.CreateTransfer[]> transactions) {
        java.util.List<CompletableFuture<Result[]>> each = new java.util.ArrayList<>();
        for (io.atta.core.command.CreateTransfer[] legs : transactions) {
            each.add(transact(legs));
        }
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    }

    /** Applied transfers and balance history of a shard. */
    HistoryReader history(int shard);
}
