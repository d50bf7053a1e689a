package io.atta.cli;

import io.atta.client.AttaClient;
import io.atta.client.AttaApiException;
import io.atta.server.secrets.MasterKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ServerCommandTest {
    @Test
    void serversAKeyedApiOnTheDataDirectoryAndShowsANewKeyOnce(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        StringWriter firstOut = new StringWriter();
        String key;
        try (RunningNode running = parse(firstOut, "--data", data.toString(), "--port", "0", "--shards", "1").start();
             AttaClient anonymous = AttaClient.create(running.uri(), "wrong")) {
            key = Files.readString(data.resolve(AdminKey.fileName)).trim();
            assertThat(firstOut.toString()).contains("Atta is serving " + running.uri())
                    .contains("Admin key (saved to " + data.resolve(AdminKey.fileName) + ", shown only now): " + key);
            assertThat(anonymous.health().isOk()).isTrue();
            assertThat(catchThrowableOfType(() -> anonymous.getUser(1), AttaApiException.class).status())
                    .isEqualTo(401);
            try (AttaClient admin = AttaClient.create(running.uri(), key)) {
                assertThat(admin.getUser(admin.createUser(io.atta.core.Currency.CNY).userId())).isNotNull();
            }
        }
        assertThat(data.resolve("logs")).isDirectory();

        StringWriter secondOut = new StringWriter();
        try (RunningNode ignored = parse(secondOut, "--data", data.toString(), "--port", "0", "--shards", "1").start()) {
            assertThat(secondOut.toString()).contains("Atta is serving").doesNotContain(key);
        }
    }

    @Test
    void aDamagedMasterKeyStopsTheStartNamingItBeforeTheNodeStarts(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path masterKey = Files.write(data.resolve(MasterKeyFile.fileName), new byte[5]);

        Throwable e = catchThrowableOfType(() -> parse(new StringWriter(), "--data", data.toString(), "--port", "0",
                "--shards", "1", "--admin-key", "k-0123456789").start(), StartFailure.class);

        // One line for the operator (ServerStartFailureTest has the form), naming the file.
        assertThat(e).hasMessageContaining(masterKey + " is damaged");
        assertThat(data.resolve("shard-0")).doesNotExist();
    }

    @Test
    void privateWebhookUrlsNeedTheFlag(@TempDir Path dir) throws Exception {
        String loopback = "{\"name\":\"Local\",\"webhook_url\":\"http://127.0.0.1:9/hooks\"}";
        try (RunningNode running = parse(new StringWriter(), "--data", dir.resolve("a").toString(), "--port", "0",
                "--shards", "1", "--admin-key", "k-0123456789").start()) {
            assertThat(postMerchant(running, loopback)).isEqualTo(400);
        }
        StringWriter out = new StringWriter();
        try (RunningNode running = parse(out, "--data", dir.resolve("b").toString(), "--port", "0", "--shards", "1",
                "--admin-key", "k-0123456789", "--allow-private-webhooks").start()) {
            assertThat(postMerchant(running, loopback)).isEqualTo(201);
            assertThat(out.toString()).contains("--allow-private-webhooks");
        }
    }

    private static int postMerchant(RunningNode running, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        running.uri().resolve("/v1/merchants")).header("Authorization", "Bearer k-0123456789")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void badOptionsExitWithCodeTwoAndNameTheOption() {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));

        assertThat(cmd.execute("server", "--shards", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--shards must be between 1 and 64 (maxShards)");
        assertThat(cmd.execute("server", "--snapshot-interval", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--snapshot-interval must be between 1 and 86400 seconds");
        assertThat(cmd.execute("server", "--port", "http")).isEqualTo(2);
        assertThat(cmd.execute("server", "--no-such-option")).isEqualTo(2);
    }

    private static ServerCommand parse(StringWriter out, String... args) {
        ServerCommand command = new ServerCommand();
        CommandLine cmd = new CommandLine(command);
        cmd.setOut(new PrintWriter(out, true));
        cmd.parseArgs(args);
        return command;
    }
}
