package io.atta.cli.bench;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cli.CliRun;
import org.junit.jupiter.api.Test;

/** {@code atta bench --workload fund}, tiny: every figure reported, every holder checked against the rule. */
class FundBenchTest {
    @Test
    void reportsPostingSubscriptionsAndMemoryAfterCheckingEveryHolder() throws Exception {
        CliRun run = atta("bench", "--workload", "fund", "--holders", "3000", "--shards", "2", "--batch", "500",
                "--days", "2", "--seed", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("workload").asText()).isEqualTo("fund");
        assertThat(report.get("holders").asLong()).isEqualTo(3000);
        assertThat(report.get("verified_holders").asLong()).isEqualTo(3000);
        assertThat(report.get("posting_seconds")).hasSize(2);
        assertThat(report.get("holders_credited_per_sec_best").asLong())
                .isGreaterThanOrEqualTo(report.get("holders_credited_per_sec_median").asLong()).isPositive();
        assertThat(report.get("subscriptions_per_sec").asLong()).isPositive();
        assertThat(report.get("redemptions_per_sec").asLong()).isPositive();
        assertThat(atta("bench", "--workload", "fund", "--days", "0").err()).contains("--days must be between 1 and 31");
    }
}
