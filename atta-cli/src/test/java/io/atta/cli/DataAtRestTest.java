package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.server.secrets.MasterKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a server leaves on disk, read as an attacker with a copy of the data directory would: a
 * real {@code atta server} process (started as the crash tests and {@code atta cluster start}
 * start one, under umask 077) creates a merchant with a webhook secret and snapshots; then every
 * directory is 0700, every file 0600, and no file holds the secret.
 */
class DataAtRestTest {
    private static final String adminKey = "at-rest-admin-key-0123456789";
    private static final long snapshotBoundMs = 60_000;

    @Test
    void theDataDirectoryIsOwnerOnlyAndHoldsNoWebhookSecret(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String secret;
        try (ServerProcess server = new ServerProcess(data, freePort(), 1, adminKey, List.of("-Xmx256m"),
                List.of("--snapshot-interval", "1"))) {
            server.start();
            JsonNode merchant = post(server.baseUri(), "/v1/merchants",
                    "{\"name\":\"Plaintext Tea House\",\"webhook_url\":\"https://93.184.216.34/hooks\"}");
            secret = merchant.get("webhook_secret").asText();
            assertThat(secret).startsWith("whsec_");
            awaitSnapshotAfter(data.resolve("shard-0").resolve("raft").resolve("snapshot"));
            server.stop();
        }

        assertThat(mode(data)).isEqualTo("rwx------");
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : all.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                assertThat(mode(p)).as("%s", p).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
        assertThat(Files.size(data.resolve(MasterKeyFile.fileName))).isEqualTo(32);
        // The merchant's name, from the same command, is found: the scan reads the log as it is on disk.
        assertThat(filesHolding(data, "Plaintext Tea House")).isNotEmpty();
        assertThat(filesHolding(data, secret)).as("files holding the webhook secret").isEmpty();
        assertThat(filesHolding(data, secret.substring("whsec_".length()))).isEmpty();
    }

    /** Waits (bounded) until the shard has written a snapshot that holds the merchant. */
    private static void awaitSnapshotAfter(Path snapshots) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(snapshotBoundMs);
        while (filesHolding(snapshots, "Plaintext Tea House").isEmpty()) {
            assertThat(System.nanoTime()).as("a snapshot holding the merchant within %d ms", snapshotBoundMs)
                    .isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static List<Path> filesHolding(Path root, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> contains(read(p), needle)).toList();
        } catch (IOException | UncheckedIOException e) {
            // A file removed while walking (a snapshot being replaced): look again next time.
            return List.of();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static JsonNode post(URI base, String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new ObjectMapper().readTree(r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
