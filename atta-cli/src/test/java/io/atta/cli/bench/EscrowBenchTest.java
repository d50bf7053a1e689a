package io.atta.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cli.CliRun;
import org.junit.jupiter.api.Test;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code atta bench --workload escrow}, tiny: payments (create + pay) and the whole lifecycle reported apart. */
class EscrowBenchTest {
    @Test
    void reportsPaymentsAndLifecycleSeparatelyAfterCheckingEveryBalance() throws Exception {
        CliRun run = atta("bench", "--workload", "escrow", "--payments", "300", "--accounts", "20", "--merchants", "3",
                "--batch", "50", "--clients", "2", "--shards", "2", "--seed", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("300 escrow payments (create + pay)").contains("invariants hold");
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("workload").asText()).isEqualTo("escrow");
        assertThat(report.get("unit").asText()).isEqualTo("payments (create + pay)");
        assertThat(report.get("operations").asLong()).isEqualTo(300);
        // Three merchants created, then six rounds of 50, each three requests: create_and_pay, then ship and confirm.
        assertThat(report.get("requests").asLong()).isEqualTo(3 + 18);
        long payments = report.get("throughput_per_sec").asLong();
        long lifecycle = report.get("lifecycle_per_sec").asLong();
        assertThat(lifecycle).isPositive().isLessThan(payments);
        assertThat(report.get("lifecycle_seconds").asDouble()).isGreaterThan(report.get("seconds").asDouble());
        assertThat(report.get("pay_round_p99_ms").asDouble())
                .isGreaterThanOrEqualTo(report.get("pay_round_p50_ms").asDouble());
        assertThat(report.get("fulfil_round_p50_ms").asDouble()).isPositive();
        assertThat(report.get("settled").asLong() + report.get("unsettled").asLong() + report.get("fees").asLong())
                .isPositive();
    }
}
