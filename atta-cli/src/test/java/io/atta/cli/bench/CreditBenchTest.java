package io.atta.cli.bench;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cli.CliRun;

import org.junit.jupiter.api.Test;

/** {@code atta bench --workload credit-pay}, tiny: both payment rates and the statement rate, every line checked. */
class CreditBenchTest {
    @Test
    void reportsCreditPayNextToWalletPaymentsAndStatementLines() throws Exception {
        CliRun run = atta("bench", "--workload", "credit-pay", "--accounts", "400", "--payments", "2000", "--shards",
                "2", "--batch", "256");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("workload").asText()).isEqualTo("credit-pay");
        assertThat(report.get("lines").asLong()).isEqualTo(400);
        assertThat(report.get("verified_lines").asLong()).isEqualTo(400);
        assertThat(report.get("wallet_payments_per_sec").asLong()).isPositive();
        assertThat(report.get("credit_pay_payments_per_sec").asLong()).isPositive();
        assertThat(report.get("statement_lines_per_sec").asLong()).isPositive();
        assertThat(atta("bench", "--workload", "credit-pay", "--accounts", "4", "--payments", "9000").err())
                .contains("--payments must be between");
    }
}
