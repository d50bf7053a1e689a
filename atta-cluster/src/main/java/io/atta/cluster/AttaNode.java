package io.atta.cluster;

import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ShardLedger;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** One Atta node: its shard groups on SOFAJRaft, durable, serving {@link LedgerService}. */
public final class AttaNode implements LedgerService, AutoCloseable {
    private AttaNode() {
    }

    /** Starts every shard group of the node and waits until each has a leader. */
    public static AttaNode start(NodeOptions options) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public int shardCount() {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public int shardOf(long userOrAccountId) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public int homeSlotOf(int shard) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public CompletableFuture<Result[]> submit(int shard, Command[] commands) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public <T> CompletableFuture<T> read(int shard, Function<ShardLedger, T> reader) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public HistoryReader history(int shard) {
        throw new UnsupportedOperationException("being written");
    }

    /** True when every shard group has a leader on this node. */
    public boolean healthy() {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
    }
}
