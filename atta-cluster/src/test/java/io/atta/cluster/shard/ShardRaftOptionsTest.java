package io.atta.cluster.shard;

import com.alipay.sofa.jraft.option.RaftOptions;
import io.atta.core.Limits;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Raft options of a shard group: nothing counts towards a majority before it is fsynced, and
 * the batches a shard keeps in flight fit in one write of the log, so they can share its fsync.
 */
class ShardRaftOptionsTest {
    @Test
    void everyEntryAndEveryVoteIsDurableBeforeItCounts() {
        RaftOptions raft = ShardGroup.raftOptions(1000);

        assertThat(raft.isSync()).isTrue();
        assertThat(raft.isSyncMeta()).isTrue();
    }

    @Test
    void theBatchesInFlightFitInOneLogWriteAndOneAppendEntries() {
        int fullBatchBytes = BatchCodec.encode(System.nanoTime(), fullTransferBatch(new SplittableRandom(14))).length;
        RaftOptions raft = ShardGroup.raftOptions(1000);

        // JRaft flushes its write buffer before an append once it holds this many bytes.
        assertThat(raft.getMaxAppendBufferSize()).isGreaterThanOrEqualTo(Batcher.maxInFlightBatches * fullBatchBytes);
        assertThat(raft.getMaxBodySize()).isGreaterThanOrEqualTo(raft.getMaxAppendBufferSize());
    }

    @Test
    void aFollowerWaitsOutHalfATimeoutAtMostBeyondTheElectionTimeout() {
        assertThat(ShardGroup.raftOptions(1000).getMaxElectionDelayMs()).isEqualTo(500);
        assertThat(ShardGroup.raftOptions(1).getMaxElectionDelayMs()).isEqualTo(1);
    }

    /** The largest batch a request can make: {@link Limits#maxBatchTransfers} transfers with random ids and amounts. */
    private static List<Command> fullTransferBatch(SplittableRandom random) {
        List<Command> commands = new ArrayList<>(Limits.maxBatchTransfers);
        for (int i = 0; i < Limits.maxBatchTransfers; i++) {
            commands.add(new CreateTransfer(random.nextLong(1, Long.MAX_VALUE), random.nextLong(1, Long.MAX_VALUE),
                    random.nextLong(1, Long.MAX_VALUE), random.nextLong(1, Long.MAX_VALUE), 156, random.nextInt(1, 100),
                    0, 0, 0, random.nextLong(), random.nextLong(1, Long.MAX_VALUE)));
        }
        return commands;
    }
}
