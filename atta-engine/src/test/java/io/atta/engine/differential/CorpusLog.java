package io.atta.engine.differential;

import io.atta.core.command.Command;

import java.util.List;

/**
 * One seeded log of the differential corpus: the shard it was drawn for (every slot but
 * {@code foreignSlot} is the shard's) and its batches in log order.
 */
public record CorpusLog(String name, int shardId, int homeSlot, int foreignSlot, List<Batch> batches) {
    /** One log entry: the leader's timestamp and the commands. */
    public record Batch(long timestamp, Command[] commands) {
    }

    public boolean ownsSlot(int slot) {
        return slot != foreignSlot;
    }
}
