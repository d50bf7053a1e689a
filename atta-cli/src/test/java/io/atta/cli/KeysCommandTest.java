package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code atta keys create|list|rotate|revoke} against a running server: what each does to the key's use. */
class KeysCommandTest {
    private static final String adminKey = "keys-test-admin-key";
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aKeyIsMadeListedRotatedAndRevokedAndWorksOnlyWhileItShould() throws Exception {
        try (RunningNode running = RunningNode.start(dir.resolve("data"), "127.0.0.1", 0, 2, adminKey)) {
            String url = running.uri().toString();

            CliRun created = atta("keys", "create", "--role", "admin", "--label", "ops laptop", "--url", url,
                    "--admin-key", adminKey);
            assertThat(created.exitCode()).as(created.err()).isZero();
            JsonNode key = json.readTree(created.out());
            String keyId = key.get("key_id").asText();
            String text = key.get("key").asText();
            assertThat(text).startsWith("atk_" + keyId + "_");
            assertThat(key.get("label").asText()).isEqualTo("ops laptop");
            assertThat(status(url, text)).isEqualTo(200);

            CliRun listed = atta("keys", "list", "--role", "admin", "--url", url, "--admin-key", adminKey);
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            JsonNode keys = json.readTree(listed.out()).get("keys");
            assertThat(keys).hasSize(1);
            assertThat(keys.get(0).get("key_id").asText()).isEqualTo(keyId);
            assertThat(listed.out()).doesNotContain(text.substring(text.lastIndexOf('_') + 1));

            CliRun rotated = atta("keys", "rotate", keyId, "--url", url, "--admin-key", adminKey);
            assertThat(rotated.exitCode()).as(rotated.err()).isZero();
            JsonNode next = json.readTree(rotated.out());
            assertThat(next.get("rotated_key_id").asText()).isEqualTo(keyId);
            assertThat(next.get("role").asText()).isEqualTo("admin");
            assertThat(status(url, text)).isEqualTo(401);
            String nextText = next.get("key").asText();
            assertThat(status(url, nextText)).isEqualTo(200);

            CliRun revoked = atta("keys", "revoke", next.get("key_id").asText(), "--url", url, "--admin-key", adminKey);
            assertThat(revoked.exitCode()).as(revoked.err()).isZero();
            assertThat(json.readTree(revoked.out()).get("status").asText()).isEqualTo("revoked");
            assertThat(status(url, nextText)).isEqualTo(401);

            CliRun refused = atta("keys", "create", "--role", "user", "--url", url, "--admin-key", adminKey);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("400").contains("owner_id");
        }
    }

    /** The status of an admin-only call made with {@code key}. */
    private static int status(String url, String key) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url + "/v1/admin/shards"))
                .header("Authorization", "Bearer " + key).GET().build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
