package io.atta.engine.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.BatchCodec;
import io.atta.core.command.Result;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;

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
}
