package io.atta.cli;

import io.atta.client.AttaClient;
import io.atta.client.AttaApiException;
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
