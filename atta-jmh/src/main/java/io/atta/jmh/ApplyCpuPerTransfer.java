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
 * builds. Checks every result, as the benchmark does. With {@code off} the shard is built without
 * its audit chain (docs/AUDIT.md), so the two runs compare the chain's cost; the apply thread's
 * own CPU is printed too (the chain hashes there).
 *
 * <pre>java -cp atta-jmh/target/benchmarks.jar io.atta.jmh.ApplyCpuPerTransfer [warmupBatches] [batches] [on|off]</pre>
 */
public final class ApplyCpuPerTransfer {
    private ApplyCpuPerTransfer() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        boolean chain = args.length <= 2 || !args[2].equals("off");
        var threads = ManagementFactory.getThreadMXBean();
        int accounts = 10_000;
        Path dir = Files.createTempDirectory("atta-cpu-");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ProjectedHistory history = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("history")),
                IndexerSteps.none(), "cpu")) {
            ShardLedger ledger = chain ? ShardLedger.standalone(history)
                    : new ShardLedger(0, 0, s -> true, history, LedgerApplyBenchmark.withoutTheChain());
            history.setApplyingIndex(1);
            check(ledger.apply(1, TransferBatches.setup(accounts)));
            SplittableRandom random = new SplittableRandom(42);
            long nextId = 1;
            long cpuStart = 0;
            long wallStart = 0;
            long applyStart = 0;
            long applyCpu = 0;
            for (int b = 0; b < warmup + batches; b++) {
                if (b == warmup) {
                    history.drain();
                    cpuStart = os.getProcessCpuTime();
                    wallStart = System.nanoTime();
                    applyStart = threads.getCurrentThreadCpuTime();
                }
                CreateTransfer[] batch = TransferBatches.batch(nextId, accounts, random);
                nextId += batch.length;
                history.setApplyingIndex(2 + b);
                check(ledger.apply(2 + b * 1_000_000L, batch));
            }
            applyCpu = threads.getCurrentThreadCpuTime() - applyStart;
            history.drain();
            long cpu = os.getProcessCpuTime() - cpuStart;
            long wall = System.nanoTime() - wallStart;
            long transfers = (long) batches * TransferBatches.batchSize;
            System.out.printf("chain %s, %d transfers: %.0f ns of process CPU per transfer (%.0f ns on the apply"
                            + " thread); %.0f transfers/s%n", chain ? "on" : "off", transfers, (double) cpu / transfers,
                    (double) applyCpu / transfers, transfers / (wall / 1e9));
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
