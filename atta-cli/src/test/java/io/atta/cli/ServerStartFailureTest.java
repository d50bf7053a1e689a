package io.atta.cli;

import io.atta.server.gateway.PlatformKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start that cannot succeed says why in one line on stderr ({@code atta: …}), exits 1, and
 * starts and writes nothing: no data directory made, no file of an existing one touched.
 */
class ServerStartFailureTest {
    private static final String key = "start-failure-admin-key";

    @Test
    void aPortInUseIsOneLineAndCreatesNothing(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRun run = atta("server", "--data", data.toString(), "--port", Integer.toString(port), "--shards", "1",
                    "--admin-key", key);
            assertOneLineFailure(run, "atta: port " + port + " on 127.0.0.1 is in use");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void aDataDirectoryMadeWithAnotherShardCountIsOneLineAndLeftAsItWas(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (RunningNode ignored = parse("--data", data.toString(), "--port", "0", "--shards", "1", "--admin-key", key)
                .start()) {
            assertThat(data.resolve("node.properties")).isRegularFile();
        }
        Map<String, String> before = tree(data);

        CliRun run = atta("server", "--data", data.toString(), "--port", "0", "--shards", "2", "--admin-key", key);

        assertOneLineFailure(run, "atta: data directory " + data + " was created with 1 shards; start it with"
                + " --shards 1 (resharding is not supported yet)");
        assertThat(tree(data)).isEqualTo(before);
    }

    @Test
    void anUnusableAdminKeyFileIsOneLineAndNothingElseIsWritten(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path file = data.resolve(AdminKey.fileName);

        Files.writeString(file, "two words\n");
        assertOneLineFailure(atta("server", "--data", data.toString(), "--port", "0", "--shards", "1"),
                "atta: the admin key in " + file + " holds a space, a line break or a character outside printable"
                        + " ASCII (at position 4); an HTTP header cannot carry it");
        Files.writeString(file, "\n");
        assertOneLineFailure(atta("server", "--data", data.toString(), "--port", "0", "--shards", "1"),
                "atta: " + file + " is empty: delete it to have a new admin key made, or pass --admin-key");
        Files.delete(file);
        Files.createDirectory(file);
        assertOneLineFailure(atta("server", "--data", data.toString(), "--port", "0", "--shards", "1"),
                "atta: " + file + " is not a file: it must hold the admin key, one line");

        try (Stream<Path> left = Files.list(data)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void anAdminKeyAHeaderCannotCarryIsOneLine(@TempDir Path dir) {
        Path data = dir.resolve("data");
        assertOneLineFailure(atta("server", "--data", data.toString(), "--port", "0", "--admin-key", "pass word"),
                "atta: the admin key from --admin-key holds a space, a line break or a character outside printable"
                        + " ASCII (at position 5); an HTTP header cannot carry it");
        assertThat(data).doesNotExist();
    }

    @Test
    void damagedPlatformKeysAreOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path keys = Files.createDirectories(data.resolve(PlatformKeys.directoryName));
        Path privateKey = keys.resolve(PlatformKeys.privateKeyFileName);
        Files.writeString(privateKey, "not-a-key!\n");

        CliRun damaged = atta("server", "--data", data.toString(), "--port", "0", "--shards", "1", "--admin-key", key);
        assertOneLineFailure(damaged, "atta: " + privateKey + " is damaged: the private key is not standard Base64"
                + " (A-Z, a-z, 0-9, + and /, padded with =)");

        Files.delete(privateKey);
        Path publicKey = keys.resolve(PlatformKeys.publicKeyFileName);
        Files.writeString(publicKey, "MIIB\n");
        CliRun orphan = atta("server", "--data", data.toString(), "--port", "0", "--shards", "1", "--admin-key", key);
        assertThat(orphan.exitCode()).isEqualTo(1);
        assertThat(orphan.err()).startsWith("atta: " + publicKey + " exists but its private key").hasLineCount(1);

        try (Stream<Path> left = Files.list(data)) {
            assertThat(left).containsExactly(keys);
        }
    }

    private static void assertOneLineFailure(CliRun run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ServerCommand.exitStartFailed);
        assertThat(run.err()).isEqualTo(line + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    /** Every file and directory under {@code root}, with its size and modification time. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                entries.put(root.relativize(p).toString(), a.size() + " " + a.lastModifiedTime().toMillis());
            }
        }
        return entries;
    }

    private static ServerCommand parse(String... args) {
        ServerCommand command = new ServerCommand();
        CommandLine cmd = new CommandLine(command);
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.parseArgs(args);
        return command;
    }
}
