package io.atta.cli;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;

/** {@code atta fund create|publish|holding} against a running two-shard server. */
class FundCommandTest {
    private static final String adminKey = "fund-test-admin-key";

    @TempDir
    Path dir;

    @Test
    void createsAFundPublishesAndShowsAHolding() throws Exception {
        try (RunningNode running = RunningNode.start(dir.resolve("data"), "127.0.0.1", 0, 2, adminKey)) {
            String url = running.uri().toString();
            HttpResponse<String> made = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                    + "/v1/users")).header("Authorization", "Bearer " + adminKey).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"currency\":\"CNY\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String manager = new ObjectMapper().readTree(made.body()).get("user_id").asText();

            CliRun create = atta("fund", "create", "--code", "YEB", "--name", "Yu'e Bao", "--manager", manager,
                    "--cap", "50000.00", "--url", url, "--admin-key", adminKey);

            assertThat(create.exitCode()).as(create.err()).isZero();
            JsonNode fund = new ObjectMapper().readTree(create.out());
            assertThat(fund.get("holding_cap").asText()).isEqualTo("50000.00");
            assertThat(fund.get("cutoff_local_time").asText()).isEqualTo("15:00");
            String before = LocalDate.parse(fund.get("start_date").asText()).minusDays(1).toString();
            CliRun early = atta("fund", "publish", "--code", "YEB", "--date", before, "--income", "0.4521", "--url",
                    url, "--admin-key", adminKey);
            assertThat(early.exitCode()).isNotZero();
            assertThat(early.err()).contains("income_date_before_fund");
            CliRun holding = atta("fund", "holding", "--code", "YEB", "--user", manager, "--url", url, "--admin-key",
                    adminKey);
            assertThat(holding.exitCode()).as(holding.err()).isZero();
            assertThat(new ObjectMapper().readTree(holding.out()).get("units").asText()).isEqualTo("0.00");
        }
    }
}
