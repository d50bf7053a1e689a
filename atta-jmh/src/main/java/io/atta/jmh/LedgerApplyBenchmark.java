package io.atta.jmh;

import io.atta.cluster.DataDirectory;
import io.atta.cluster.history.IndexerSteps;
import io.atta.cluster.history.ProjectedHistory;
import io.atta.cluster.history.RocksHistory;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ShardModules;
import io.atta.engine.audit.AuditModule;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.ledger.TransferStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One shard's apply of 8190-transfer batches, the work of the Raft apply thread: with no
 * history (the ledger's own cost), with the RocksDB history written inside apply
 * ({@code rocksdb}), and with the history the server uses, projected behind apply by its indexer
 * thread ({@code projected}: apply waits only when the indexer's tail is full, so the score is
 * the pipeline's); each with the audit chain on (the standard shard) and off (docs/AUDIT.md).
 * Scores are transfers per second. Each result is checked, so a broken ledger
 * cannot post a fast score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OperationsPerInvocation(TransferBatches.batchSize)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LedgerApplyBenchmark {
    @Param({"none", "rocksdb", "projected"})
    public String history;

    @Param({"10000"})
    public int accounts;

    /** With the audit chain ({@code on}: the standard shard) or without it ({@code off}: its module left out). */
    @Param({"on", "off"})
    public String chain;

    private ShardLedger ledger;
    private RocksHistory rocks;
    private ProjectedHistory projected;
    private Path dir;
    private final SplittableRandom random = new SplittableRandom(42);
    private long nextId = 1;
    private long timestamp = 1;

    /** Stores nothing: every id is new, nothing is kept. */
    private static final class NoHistory implements TransferStore {
        @Override
        public void load(long[] ids, int count, Map<Long, TransferRecord> out) {
        }

        @Override
        public void commit(List<TransferRecord> transfers, List<BalanceEvent> events,
                           List<io.atta.engine.ledger.TransactionOutcome> outcomes) {
        }

        @Override
        public void loadOutcomes(long[] txIds, int count, Map<Long, io.atta.engine.ledger.TransactionOutcome> out) {
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        TransferStore store;
        if (history.equals("rocksdb")) {
            dir = Files.createTempDirectory("atta-jmh-");
            rocks = RocksHistory.openEmpty(dir.resolve("history"));
            store = rocks;
        } else if (history.equals("projected")) {
            dir = Files.createTempDirectory("atta-jmh-");
            projected = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("history")), IndexerSteps.none(),
                    "jmh");
            store = projected;
        } else {
            store = new NoHistory();
        }
        ledger = chain.equals("on") ? ShardLedger.standalone(store)
                : new ShardLedger(0, 0, s -> true, store, withoutTheChain());
        if (projected != null) {
            projected.setApplyingIndex(nextId);
        }
        check(ledger.apply(timestamp++, TransferBatches.setup(accounts)));
    }

    /** The standard module list without the audit module (so the batch journal has no consumer). */
    static List<Function<ShardServices, ShardModule>> withoutTheChain() {
        ShardServices probe = new ShardServices(0, 0, s -> true);
        probe.built(new LedgerModule(probe, new NoHistory()));
        List<Function<ShardServices, ShardModule>> out = new ArrayList<>();
        for (Function<ShardServices, ShardModule> f : ShardModules.standard()) {
            ShardModule m = f.apply(probe);
            probe.built(m);
            if (!(m instanceof AuditModule)) {
                out.add(f);
            }
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (rocks != null) {
            rocks.close();
        }
        if (projected != null) {
            projected.close();
        }
        if (dir != null) {
            DataDirectory.delete(dir);
        }
    }

    @Benchmark
    public Result[] applyBatch() {
        CreateTransfer[] batch = TransferBatches.batch(nextId, accounts, random);
        nextId += batch.length;
        if (rocks != null) {
            rocks.setApplyingIndex(nextId);
        }
        if (projected != null) {
            projected.setApplyingIndex(nextId);
        }
        timestamp += 1_000_000;
        return check(ledger.apply(timestamp, batch));
    }

    private static Result[] check(Result[] results) {
        for (Result r : results) {
            if (r != Result.ok) {
                throw new IllegalStateException("the ledger answered " + r);
            }
        }
        return results;
    }
}
