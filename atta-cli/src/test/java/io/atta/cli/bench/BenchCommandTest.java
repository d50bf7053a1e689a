package io.atta.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cli.CliRun;
import io.atta.cluster.DataDirectory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code atta bench} end to end, in-process, with a tiny workload. */
class BenchCommandTest {
    @Test
    void reportsOneVerifiedJsonLineWithTheOperationCount() throws Exception {
        CliRun run = atta("bench", "--transfers", "20000", "--accounts", "100", "--batch", "500", "--clients", "2",
                "--shards", "2", "--seed", "11");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("workload").asText()).isEqualTo("transfers");
        assertThat(report.get("unit").asText()).isEqualTo("transfers");
        assertThat(report.get("operations").asLong()).isEqualTo(20_000);
        assertThat(report.get("requests").asLong()).isEqualTo(40);
        assertThat(report.get("shards").asInt()).isEqualTo(2);
        assertThat(report.get("nodes").asInt()).isEqualTo(1);
        assertThat(report.get("batch").asInt()).isEqualTo(500);
        assertThat(report.get("clients").asInt()).isEqualTo(2);
        assertThat(report.get("durable").asBoolean()).isTrue();
        assertThat(report.get("verified_accounts").asInt()).isEqualTo(100);
        assertThat(report.get("seconds").asDouble()).isPositive();
        assertThat(report.get("throughput_per_sec").asLong()).isPositive();
        assertThat(report.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(report.get("p50_ms").asDouble());
        assertThat(report.has("baseline_throughput_per_sec")).isFalse();
        assertThat(run.err()).contains("verified 100 accounts");
    }

    @Test
    void comparesWithPostgresWhenAsked() throws Exception {
        CliRun run = atta("bench", "--transfers", "2000", "--accounts", "40", "--batch", "100", "--clients", "2",
                "--shards", "1", "--baseline", "postgres", "--baseline-seconds", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("operations").asLong()).isEqualTo(2_000);
        assertThat(report.get("baseline").asText()).isEqualTo("postgres");
        assertThat(report.get("baseline_operations").asLong()).isBetween(1L, 2_000L);
        assertThat(report.get("baseline_throughput_per_sec").asLong()).isPositive();
        assertThat(report.get("ratio").asDouble()).isPositive();
    }

    @Test
    void comparesWithBothPostgresBaselinesSideBySide() throws Exception {
        CliRun run = atta("bench", "--transfers", "2000", "--accounts", "40", "--batch", "100", "--clients", "2",
                "--shards", "2", "--baseline", "postgres,postgres-batched", "--baseline-seconds", "5");
        JsonNode report = passed(run);

        assertThat(report.get("baseline").asText()).isEqualTo("postgres,postgres-batched");
        assertThat(report.get("baseline_throughput_per_sec").asLong()).isPositive();
        assertThat(report.get("ratio").asDouble()).isPositive();
        assertThat(report.get("baseline_batched_operations").asLong()).isBetween(100L, 2_000L);
        assertThat(report.get("baseline_batched_operations").asLong() % 100).isZero();
        assertThat(report.get("baseline_batched_p99_ms").asDouble())
                .isGreaterThanOrEqualTo(report.get("baseline_batched_p50_ms").asDouble());
        assertThat(report.get("ratio_batched").asDouble()).isPositive();
        assertThat(report.get("latency_per").asText()).isEqualTo("request");
        assertThat(report.get("max_ms").asDouble()).isGreaterThanOrEqualTo(report.get("p99_ms").asDouble());
        assertThat(run.err()).contains("× postgres (").contains("× postgres-batched (");
    }

    /** The report of a run that must have passed (exit code 0, its stderr shown otherwise). */
    private static JsonNode passed(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void impossibleWorkloadsAreRefusedWithCodeTwo() {
        CliRun tooBig = atta("bench", "--batch", "8191");
        CliRun tooFewAccounts = atta("bench", "--shards", "4", "--accounts", "7");

        assertThat(tooBig.exitCode()).isEqualTo(2);
        assertThat(tooBig.err()).contains("maxBatchTransfers");
        assertThat(tooFewAccounts.exitCode()).isEqualTo(2);
        assertThat(tooFewAccounts.err()).contains("at least 2 per shard");
        assertThat(tooBig.out()).isEmpty();
        CliRun unknownBaseline = atta("bench", "--baseline", "mysql");
        assertThat(unknownBaseline.exitCode()).isEqualTo(2);
        assertThat(unknownBaseline.err()).contains("expected postgres or postgres-batched, got mysql");
    }

    @Test
    void keepDirLeavesTheDataForInspection() throws Exception {
        CliRun run = atta("bench", "--transfers", "1000", "--accounts", "20", "--batch", "100", "--shards", "1",
                "--keep-dir");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher kept = Pattern.compile("kept (\\S+)").matcher(run.err());
        assertThat(kept.find()).as(run.err()).isTrue();
        Path dir = Path.of(kept.group(1));
        try {
            assertThat(dir.resolve("node")).isDirectory();
        } finally {
            DataDirectory.delete(dir);
        }
    }

    @Test
    void clusterOptionsAreCheckedBeforeAnythingStarts() {
        CliRun twoNodes = atta("bench", "--nodes", "2");
        CliRun tenNodes = atta("bench", "--nodes", "10");
        CliRun failoverAlone = atta("bench", "--workload", "failover", "--nodes", "1");
        CliRun recoveryOnACluster = atta("bench", "--workload", "recovery", "--nodes", "3");
        CliRun killsWithoutFailover = atta("bench", "--nodes", "3", "--kills", "2");
        CliRun tooManyKills = atta("bench", "--workload", "failover", "--kills", "11");

        assertThat(twoNodes.exitCode()).isEqualTo(2);
        assertThat(twoNodes.err()).contains("--nodes must be 1 or between 3 and 9, got 2");
        assertThat(tenNodes.err()).contains("--nodes must be 1 or between 3 and 9, got 10");
        assertThat(failoverAlone.exitCode()).isEqualTo(2);
        assertThat(failoverAlone.err()).contains("--workload failover kills a leader of a cluster");
        assertThat(recoveryOnACluster.err()).contains("--nodes must be 1, got 3");
        assertThat(killsWithoutFailover.err()).contains("--kills is only valid with --workload failover");
        assertThat(tooManyKills.exitCode()).isEqualTo(2);
        assertThat(tooManyKills.err()).contains("--kills must be between 1 and 10 (maxKills), got 11");
        assertThat(twoNodes.out() + tooManyKills.out()).isEmpty();
    }
}
