package io.atta.jmh;

import io.atta.cluster.DataDirectory;
import io.atta.cluster.history.IndexerSteps;
import io.atta.cluster.history.ProjectedHistory;
import io.atta.cluster.history.RocksHistory;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ShardLedger;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The process CPU time per transfer of {@link LedgerApplyBenchmark}'s {@code projected} workload
 * (apply, the history indexer, RocksDB's flushes and compactions, GC and all): on a machine
 * shared with other work, where throughput says little, CPU per transfer still compares two
 * builds. Checks every result, as the benchmark does.
 *
 * <pre>java -cp atta-jmh/target/benchmarks.jar io.atta.jmh.ApplyCpuPerTransfer [warmupBatches] [batches]</pre>
 */
public final class ApplyCpuPerTransfer {
    private ApplyCpuPerTransfer() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int accounts = 10_000;
        Path dir = Files.createTempDirectory("atta-cpu-");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ProjectedHistory history = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("history")),
                IndexerSteps.none(), "cpu")) {
            ShardLedger ledger = ShardLedger.standalone(history);
            history.setApplyingIndex(1);
            check(ledger.apply(1, TransferBatches.setup(accounts)));
            SplittableRandom random = new SplittableRandom(42);
            long nextId = 1;
            long cpuStart = 0;
            long wallStart = 0;
            for (int b = 0; b < warmup + batches; b++) {
                if (b == warmup) {
                    history.drain();
                    cpuStart = os.getProcessCpuTime();
                    wallStart = System.nanoTime();
                }
                CreateTransfer[] batch = TransferBatches.batch(nextId, accounts, random);
                nextId += batch.length;
                history.setApplyingIndex(2 + b);
                check(ledger.apply(2 + b * 1_000_000L, batch));
            }
            history.drain();
            long cpu = os.getProcessCpuTime() - cpuStart;
            long wall = System.nanoTime() - wallStart;
            long transfers = (long) batches * TransferBatches.batchSize;
            System.out.printf("%d transfers: %.0f ns of process CPU per transfer; %.0f transfers/s%n", transfers,
                    (double) cpu / transfers, transfers / (wall / 1e9));
        } finally {
            DataDirectory.delete(dir);
        }
    }

    private static void check(Result[] results) {
        for (Result r : results) {
            if (r != Result.ok) {
                throw new IllegalStateException("the ledger answered " + r);
            }
        }
    }
}
