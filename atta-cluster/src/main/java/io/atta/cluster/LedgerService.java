package io.atta.cluster;

import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ShardLedger;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What the HTTP layer sees of the shards: submit commands to a shard, read its applied state,
 * query its history. Futures fail with {@link ServiceException} (busy, not leader, stopped);
 * business outcomes are {@link Result} values.
 *
 * <p>A running node ({@link AttaNode}) also tells its health, its meters, its clock and its
 * replicas; the defaults are what a plain service (in memory, in tests) answers, so that the
 * server asks every service the same questions and never needs to know which one it serves.
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

    /**
     * Whether every shard can take writes now ({@code GET /health}): on a node, when it knows a
     * leader for each. A plain service always can.
     */
    default boolean healthy() {
        return true;
    }

    /** Registers the service's meters (per shard: entries, commands, apply time, queue); a plain service has none. */
    default void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    }

    /**
     * The clock, in nanoseconds since the epoch, that this service stamps its batches with (a
     * test clock when it runs on one): work that compares its own time with the shards'
     * timestamps reads this one, and a reader judges deadlines by it when a shard has applied
     * nothing for a while (so its last batch's time lags). The wall clock by default.
     */
    default LongSupplier clock() {
        return LedgerService::wallClockNanos;
    }

    /** The test clock the service runs on ({@code --test-clock}); none by default. */
    default Optional<TestClock> testClock() {
        return Optional.empty();
    }

    /**
     * Applies now every time-driven rule due by {@link #clock()} (expiries, deadlines, settlement
     * sweeps), completing once all of it is applied. A plain service has no rules that wait.
     */
    default CompletableFuture<Void> applyDue() {
        return CompletableFuture.completedFuture(null);
    }

    /** Whether this service leads the shard now, so that its writes begin here; a plain service leads every shard. */
    default boolean leads(int shard) {
        return true;
    }

    /** This node's raft replicas of the shards; none for a service that runs no raft node. */
    /** The node's signed checkpoints of the shards' audit chains (docs/AUDIT.md); none for a service without a data directory. */
    default Optional<io.atta.cluster.audit.AuditCheckpoints> audit() {
        return Optional.empty();
    }

    default Optional<Replicas> replicas() {
        return Optional.empty();
    }

    private static long wallClockNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
