package io.atta.engine.differential;

import io.atta.core.command.BatchCodec;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Records, with a build from before shard modules (run it with that build's engine first on the
 * class path), the snapshot its shard wrote halfway through each log of the corpus: version 5,
 * the fixed layout. {@link DifferentialCorpusTest} loads them into today's shard and applies the
 * rest of the log. Layout (gzip): {@code logs:i32}, per log {@code entriesApplied:i32,
 * length:i32, snapshot}.
 */
public final class RecordVersion5Snapshots {
    public static final String resource = "/differential/version5-snapshots.bin.gz";

    private RecordVersion5Snapshots() {
    }

    public static void main(String[] args) throws IOException {
        List<Corpus.Recorded> logs;
        try (InputStream in = RecordVersion5Snapshots.class.getResourceAsStream(Corpus.resource)) {
            logs = Corpus.read(in);
        }
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(new FileOutputStream(args[0])))) {
            out.writeInt(logs.size());
            for (Corpus.Recorded log : logs) {
                CorpusLog s = log.shape();
                ShardLedger l = new ShardLedger(s.shardId(), s.homeSlot(), s::ownsSlot, new InMemoryTransferStore());
                int half = log.entries().size() / 2;
                for (int i = 0; i < half; i++) {
                    BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(log.entries().get(i)));
                    l.apply(b.timestamp(), b.commands());
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                LedgerSnapshot.write(l, new DataOutputStream(bytes));
                out.writeInt(half);
                out.writeInt(bytes.size());
                out.write(bytes.toByteArray());
            }
        }
    }

    /** The recorded snapshots: per log, the entries applied before it and its bytes. */
    public record Snapshot(int entriesApplied, byte[] bytes) {
    }

    public static List<Snapshot> read(InputStream from) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(from))) {
            int n = in.readInt();
            List<Snapshot> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int applied = in.readInt();
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                out.add(new Snapshot(applied, b));
            }
            return out;
        }
    }
}
