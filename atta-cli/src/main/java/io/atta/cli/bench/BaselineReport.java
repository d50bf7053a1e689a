package io.atta.cli.bench;

import io.atta.cli.bench.PostgresBaseline.Baseline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the PostgreSQL baselines a transfers bench asked for and puts each next to Atta's figure:
 * {@code postgres} under the keys {@code baseline_*} and {@code ratio}, {@code postgres-batched}
 * under {@code baseline_batched_*} and {@code ratio_batched}. Latencies are per transaction: one
 * transfer for {@code postgres}, one batch for {@code postgres-batched} (as Atta's are per request).
 */
final class BaselineReport {
    private BaselineReport() {
    }

    static void run(List<Baseline> baselines, PostgresBaseline.Plan plan, Path workDir, double attaThroughput,
                    Map<String, Object> report, PrintWriter err) throws Exception {
        report.put("baseline", baselines.stream().map(b -> b.label).collect(Collectors.joining(",")));
        StringBuilder summary = new StringBuilder(String.format("[bench] Atta %,.0f transfers/s", attaThroughput));
        for (Baseline b : baselines) {
            PostgresBaseline.Outcome pg = PostgresBaseline.run(workDir, new PostgresBaseline.Plan(b, plan.accounts(),
                    plan.maxTransfers(), plan.batch(), plan.clients(), plan.maxSeconds(), plan.seed(),
                    plan.partitions()), err);
            double throughput = pg.transfers() / pg.seconds();
            String prefix = b == Baseline.postgres ? "baseline_" : "baseline_batched_";
            report.put(prefix + "operations", pg.transfers());
            report.put(prefix + "seconds", BenchCommand.round(pg.seconds(), 3));
            report.put(prefix + "throughput_per_sec", Math.round(throughput));
            report.put(prefix + "p50_ms", BenchCommand.round(pg.latencies().quantileMillis(0.50), 3));
            report.put(prefix + "p99_ms", BenchCommand.round(pg.latencies().quantileMillis(0.99), 3));
            double ratio = BenchCommand.round(attaThroughput / throughput, 2);
            report.put(b == Baseline.postgres ? "ratio" : "ratio_batched", ratio);
            summary.append(String.format(", %.2f× %s (%,.0f/s, p50 %.1f ms, p99 %.1f ms per %s)", ratio, b,
                    throughput, pg.latencies().quantileMillis(0.50), pg.latencies().quantileMillis(0.99),
                    b == Baseline.postgres ? "transfer" : plan.batch() + "-transfer batch"));
        }
        err.println(summary);
    }
}
