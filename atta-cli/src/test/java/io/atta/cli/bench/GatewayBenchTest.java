package io.atta.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cli.CliRun;
import org.junit.jupiter.api.Test;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

class GatewayBenchTest {
    @Test
    void everyPaymentIsAnsweredSignedAndPaidOnce() throws Exception {
        CliRun run = atta("bench", "--workload", "gateway", "--payments", "200", "--buyers", "10", "--clients", "4",
                "--shards", "2", "--seed", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("verified 10 buyers' wallets").contains("a replay refused as already paid");
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("workload").asText()).isEqualTo("gateway");
        assertThat(report.get("operations").asLong()).isEqualTo(200);
        assertThat(report.get("verify_responses").asBoolean()).isTrue();
        assertThat(report.get("server_sign_timer_s").asDouble()).isPositive();
        assertThat(report.get("rsa2_sign_per_sec_1thread").asLong()).isPositive();
    }

    @Test
    void gatewayOptionsAreRefusedElsewhereAndOutOfRange() {
        CliRun buyersElsewhere = atta("bench", "--buyers", "10");
        CliRun tooMany = atta("bench", "--workload", "gateway", "--payments", "200001");

        assertThat(buyersElsewhere.exitCode()).isEqualTo(2);
        assertThat(buyersElsewhere.err()).contains("--buyers is only valid with --workload gateway");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--payments must be between 1 and 200000");
    }
}
