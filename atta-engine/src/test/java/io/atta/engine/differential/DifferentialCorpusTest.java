package io.atta.engine.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.BatchCodec;
import io.atta.core.command.Result;
import io.atta.engine.audit.StateBesidesTheChain;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The differential test of the shard (issue 14): the recorded corpus ({@link Corpus}, seeded logs
 * of every command type as the shard before shard modules answered them) replayed through
 * today's shard gives the same results batch by batch and, at the end, the same balances, trades,
 * keys, channels and transactions.
 */
class DifferentialCorpusTest {
    private static List<Corpus.Recorded> corpus() throws IOException {
        try (InputStream in = DifferentialCorpusTest.class.getResourceAsStream(Corpus.resource)) {
            assertThat(in).as("the recorded corpus " + Corpus.resource).isNotNull();
            return Corpus.read(in);
        }
    }

    @Test
    void theShardAnswersTheRecordedCorpusAsTheShardItWasRecordedWith() throws IOException {
        List<Corpus.Recorded> logs = corpus();
        assertThat(logs).hasSize(RecordCorpus.seeds.length * 2);
        long commands = 0;
        for (Corpus.Recorded log : logs) {
            CorpusLog shape = log.shape();
            ShardLedger l = new ShardLedger(shape.shardId(), shape.homeSlot(), shape::ownsSlot,
                    new InMemoryTransferStore());
            for (int i = 0; i < log.entries().size(); i++) {
                BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(log.entries().get(i)));
                assertThat(BatchCodec.encode(b.timestamp(), List.of(b.commands()))).as("%s entry %d re-encoded",
                        shape.name(), i).isEqualTo(log.entries().get(i));
                Result[] r = l.apply(b.timestamp(), b.commands());
                commands += b.commands().length;
                assertThat(Corpus.resultsText(r)).as("%s entry %d results", shape.name(), i)
                        .isEqualTo(log.results().get(i));
            }
            assertThat(Corpus.views(l, log.entries())).as("%s at the end", shape.name())
                    .containsExactlyElementsOf(log.views());
        }
        assertThat(commands).as("commands in the corpus").isGreaterThan(10_000);
    }

    /**
     * Snapshots the shard before shard modules wrote halfway through each log (version 5, the
     * fixed layout) load into today's shard, which then answers the rest of the log as recorded.
     */
    @Test
    void aVersion5SnapshotOfTheShardBeforeModulesLoadsAndTheLogContinuesAsRecorded() throws IOException {
        List<Corpus.Recorded> logs = corpus();
        List<RecordVersion5Snapshots.Snapshot> snapshots;
        try (InputStream in = getClass().getResourceAsStream(RecordVersion5Snapshots.resource)) {
            snapshots = RecordVersion5Snapshots.read(in);
        }
        assertThat(snapshots).hasSameSizeAs(logs);
        for (int k = 0; k < logs.size(); k++) {
            Corpus.Recorded log = logs.get(k);
            CorpusLog shape = log.shape();
            RecordVersion5Snapshots.Snapshot snapshot = snapshots.get(k);
            assertThat(ByteBuffer.wrap(snapshot.bytes()).getInt(4)).as("the snapshot's version").isEqualTo(5);
            InMemoryTransferStore store = new InMemoryTransferStore();
            ShardLedger writer = new ShardLedger(shape.shardId(), shape.homeSlot(), shape::ownsSlot, store);
            for (int i = 0; i < snapshot.entriesApplied(); i++) {
                apply(writer, log.entries().get(i));
            }

            ShardLedger restored = new ShardLedger(shape.shardId(), shape.homeSlot(), shape::ownsSlot, store.copy());
            LedgerSnapshot.read(restored, new DataInputStream(new ByteArrayInputStream(snapshot.bytes())));

            // A snapshot from before the audit chain has no chain to restore: the chain starts at
            // the restore (docs/AUDIT.md), so the rest of the state is what must be equal.
            assertThat(StateBesidesTheChain.hash(restored)).as("%s restored", shape.name())
                    .isEqualTo(StateBesidesTheChain.hash(writer));
            for (int i = snapshot.entriesApplied(); i < log.entries().size(); i++) {
                assertThat(Corpus.resultsText(apply(restored, log.entries().get(i))))
                        .as("%s entry %d results after the restore", shape.name(), i).isEqualTo(log.results().get(i));
            }
            assertThat(Corpus.views(restored, log.entries())).as("%s at the end", shape.name())
                    .containsExactlyElementsOf(log.views());
        }
    }

    private static Result[] apply(ShardLedger l, byte[] entry) {
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(entry));
        return l.apply(b.timestamp(), b.commands());
    }
}
