package io.atta.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code atta server --test-clock}: one node on a clock the API moves; refused with a cluster. */
class TestClockOptionTest {
    private static final String adminKey = "test-clock-option-admin-key";

    @Test
    void withTheFlagTheNodeServesTheTestClockAndSaysSo(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        ServerCommand command = new ServerCommand();
        CommandLine cmd = new CommandLine(command);
        cmd.setOut(new PrintWriter(out, true));
        cmd.parseArgs("--data", dir.resolve("data").toString(), "--port", "0", "--shards", "1", "--admin-key",
                adminKey, "--test-clock");
        HttpClient http = HttpClient.newHttpClient();
        try (RunningNode running = command.start()) {
            assertThat(out.toString()).contains("TEST CLOCK");
            HttpResponse<String> advanced = http.send(HttpRequest.newBuilder(running.uri().resolve(
                            "/v1/test/clock/advance")).header("Authorization", "Bearer " + adminKey)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":86400}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(advanced.statusCode()).as(advanced.body()).isEqualTo(200);
            assertThat(advanced.body()).contains("\"advanced_seconds\":86400");
            assertThat(running.node().testClock()).hasValueSatisfying(c ->
                    assertThat(c.offsetSeconds()).isEqualTo(86_400));
        }
    }

    @Test
    void withAClusterTheFlagIsRefusedBeforeAnythingStarts() {
        CliRun run = CliRun.atta("server", "--test-clock", "--cluster", "no-such-cluster.properties", "--node-id", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--test-clock is a single-node test mode; it cannot be used with --cluster");
        assertThat(CliRun.atta("server", "--help").out()).contains("--test-clock");
    }
}
