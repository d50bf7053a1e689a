package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cluster.AttaNode;
import io.atta.cluster.NodeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code atta shards}, in-process: offline from a data directory, and from a running server. */
class ShardsCommandTest {
    private static final String adminKey = "shards-test-admin-key";

    @TempDir
    Path dir;

    @Test
    void readsTheTableOfATwoShardDataDirectoryWithoutAServer() throws Exception {
        Path data = dir.resolve("data");
        AttaNode.start(NodeOptions.of(data, 2)).close();

        CliRun run = atta("shards", "--data", data.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                1024 slots on 2 shards
                shard  home slot  slots     slot count
                0      0          0-511     512
                1      512        512-1023  512
                """);

        CliRun json = atta("shards", "--data", data.toString(), "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(new ObjectMapper().readTree(json.out())).isEqualTo(new ObjectMapper().readTree(
                "{\"slots\":1024,\"shards\":[{\"shard\":0,\"home_slot\":0,\"slots\":[[0,511]],\"slot_count\":512},"
                        + "{\"shard\":1,\"home_slot\":512,\"slots\":[[512,1023]],\"slot_count\":512}]}"));
    }

    @Test
    void asksARunningServerWhichAddsLeadership() throws Exception {
        try (RunningNode running = RunningNode.start(dir.resolve("data"), "127.0.0.1", 0, 2, adminKey)) {
            String url = running.uri().toString();

            CliRun run = atta("shards", "--url", url, "--admin-key", adminKey);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out().lines()).hasSize(4);
            assertThat(run.out().lines().skip(1).findFirst().orElseThrow().split(" +"))
                    .containsExactly("shard", "home", "slot", "slots", "slot", "count", "leader", "applied", "index");
            assertThat(run.out().lines().skip(2).map(l -> l.split(" +")))
                    .allSatisfy(row -> assertThat(row[4]).isEqualTo("yes"))
                    .extracting(row -> row[0] + " " + row[1] + " " + row[2] + " " + row[3])
                    .containsExactly("0 0 0-511 512", "1 512 512-1023 512");

            CliRun json = atta("shards", "--url", url + "/", "--admin-key", adminKey, "--json");
            assertThat(json.exitCode()).as(json.err()).isZero();
            JsonNode doc = new ObjectMapper().readTree(json.out());
            assertThat(doc.at("/shards/1/home_slot").asInt()).isEqualTo(512);
            assertThat(doc.at("/shards/1/leader").asBoolean()).isTrue();

            CliRun wrongKey = atta("shards", "--url", url, "--admin-key", "not-the-key");
            assertThat(wrongKey.exitCode()).isEqualTo(1);
            assertThat(wrongKey.err()).contains(url + "/v1/admin/shards answered 401 unauthorized");
        }
    }

    @Test
    void needsExactlyOneOfDataAndUrl() {
        CliRun neither = atta("shards");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--data").contains("--url");

        CliRun both = atta("shards", "--data", dir.toString(), "--url", "http://127.0.0.1:1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--data").contains("--url").contains("mutually exclusive");
    }

    @Test
    void aDirectoryWithoutARoutingTableIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("empty"));

        CliRun run = atta("shards", "--data", dir.resolve("empty").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(dir.resolve("empty") + " has no routing table (routing.properties)");
        assertThat(run.out()).isEmpty();
    }
}
