package io.atta.cli.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterAdminKeyTest {
    @TempDir
    Path dir;

    @Test
    void theKeyIsMadeOnceReadableByItsOwnerOnlyAndReusedAfter() throws Exception {
        Path file = dir.resolve("admin.key");

        String first = ClusterAdminKey.readOrCreate(file);
        String again = ClusterAdminKey.readOrCreate(file);

        assertThat(first).hasSize(2 * io.atta.cli.AdminKey.generatedKeyBytes).isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        Path file = dir.resolve("admin.key");
        Files.writeString(file, "from-file\n");

        assertThat(ClusterAdminKey.resolve("from-option", "from-env", file)).isEqualTo("from-option");
        assertThat(ClusterAdminKey.resolve(" ", "from-env", file)).isEqualTo("from-env");
        assertThat(ClusterAdminKey.resolve(null, "", file)).isEqualTo("from-file");
        assertThat(ClusterAdminKey.resolve(null, null, dir.resolve("absent"))).isNull();
    }

    @Test
    void anEmptyFileIsAnError() throws Exception {
        Path file = dir.resolve("admin.key");
        Files.writeString(file, "\n");

        assertThatThrownBy(() -> ClusterAdminKey.readOrCreate(file)).isInstanceOf(ClusterFailure.class)
                .hasMessageContaining("is empty");
    }
}
