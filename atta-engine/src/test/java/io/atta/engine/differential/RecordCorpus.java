package io.atta.engine.differential;

import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerCorpusSource;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.trade.TradeCorpusSource;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Records the differential corpus (see {@link Corpus}) with the shard of the day. Run once,
 * before the shard's insides change, and commit the file it writes:
 * {@code java -cp <test classpath> io.atta.engine.differential.RecordCorpus atta-engine/src/test/resources/differential/corpus.bin.gz}.
 * It prints, per command type, how many commands the corpus holds and how many were applied ok.
 */
public final class RecordCorpus {
    static final long[] seeds = {1, 2, 3};
    static final int ledgerBatches = 700;
    static final int tradeBatches = 900;

    private RecordCorpus() {
    }

    public static void main(String[] args) throws IOException {
        List<Corpus.Recorded> logs = new ArrayList<>();
        Map<String, int[]> coverage = new TreeMap<>();
        for (long seed : seeds) {
            logs.add(record("ledger-" + seed, new LedgerCorpusSource(seed), ledgerBatches, seed, coverage));
            logs.add(record("trade-" + seed, new TradeCorpusSource(seed), tradeBatches, seed, coverage));
        }
        try (OutputStream out = new FileOutputStream(args[0])) {
            Corpus.write(logs, out);
        }
        coverage.forEach((type, n) -> System.out.println(type + " " + n[0] + " commands, " + n[1] + " ok"));
    }

    static Corpus.Recorded record(String name, CorpusSource source, int batches, long seed,
                                  Map<String, int[]> coverage) {
        ShardLedger live = new ShardLedger(source.shardId(), source.homeSlot(), s -> s != source.foreignSlot(),
                new InMemoryTransferStore());
        ExtraCommands extra = new ExtraCommands(seed * 31 + name.length(), source.shardId(), source.homeSlot(),
                source.foreignSlot(), live, source.merchants());
        List<byte[]> entries = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            CorpusLog.Batch b = source.next();
            List<Command> commands = new ArrayList<>(Arrays.asList(b.commands()));
            if (i > 0) {
                commands.addAll(extra.next(b.timestamp()));
            }
            byte[] entry = BatchCodec.encode(b.timestamp(), commands);
            BatchCodec.Batch decoded = BatchCodec.decode(ByteBuffer.wrap(entry));
            Result[] r = live.apply(decoded.timestamp(), decoded.commands());
            count(decoded.commands(), r, coverage);
            entries.add(entry);
            results.add(Corpus.resultsText(r));
        }
        return new Corpus.Recorded(new CorpusLog(name, source.shardId(), source.homeSlot(), source.foreignSlot(),
                List.of()), entries, results, Corpus.views(live, entries));
    }

    private static void count(Command[] commands, Result[] results, Map<String, int[]> coverage) {
        int out = 0;
        for (Command c : commands) {
            int[] n = coverage.computeIfAbsent(c.getClass().getSimpleName(), k -> new int[2]);
            n[0]++;
            if (results[out] == Result.ok) {
                n[1]++;
            }
            out += c.resultCount();
        }
    }
}
