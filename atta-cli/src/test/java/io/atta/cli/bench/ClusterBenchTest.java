package io.atta.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code atta bench --nodes 3} end to end with tiny workloads: a real cluster of three server
 * processes, the leader-routing client, the balances verified, and the cluster gone afterwards.
 */
class ClusterBenchTest {
    private static final Pattern clusterDir = Pattern.compile("local cluster of \\d+ nodes, \\d+ shards, in (\\S+)");

    @Test
    void theTransfersRunOnAThreeNodeClusterAndTheClusterIsGoneAfterwards() throws Exception {
        CliRun run = atta("bench", "--nodes", "3", "--shards", "2", "--transfers", "20000", "--accounts", "100",
                "--batch", "500", "--clients", "2", "--seed", "7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("nodes").asInt()).isEqualTo(3);
        assertThat(report.get("shards").asInt()).isEqualTo(2);
        assertThat(report.get("operations").asLong()).isEqualTo(20_000);
        assertThat(report.get("verified_accounts").asInt()).isEqualTo(100);
        assertThat(run.err()).contains("verified 100 accounts");
        assertGone(run);
    }

    @Test
    void aKilledLeaderIsReplacedWithoutLosingAnAcknowledgedTransferAndCatchesUp() throws Exception {
        CliRun run = atta("bench", "--workload", "failover", "--shards", "2", "--transfers", "60000",
                "--accounts", "100", "--batch", "500", "--clients", "2", "--seed", "7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("workload").asText()).isEqualTo("failover");
        assertThat(report.get("nodes").asInt()).isEqualTo(3);
        assertThat(report.get("operations").asLong()).isEqualTo(60_000);
        assertThat(report.get("kills").asInt()).isEqualTo(1);
        assertThat(report.get("killed_nodes")).hasSize(1);
        assertThat(report.get("failover_ms")).hasSize(1);
        assertThat(report.get("failover_ms").get(0).asLong()).isPositive()
                .isEqualTo(report.get("failover_ms_max").asLong());
        assertThat(report.get("lost_acknowledged").asLong()).isZero();
        assertThat(run.err()).contains("every replica of every shard at one applied index and state hash");
        assertGone(run);
    }

    /** The cluster's directory is deleted and none of its server processes runs. */
    private static void assertGone(CliRun run) {
        Matcher m = clusterDir.matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        String dir = m.group(1);
        assertThat(Files.exists(Path.of(dir))).isFalse();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false)).toList()).isEmpty();
    }
}
