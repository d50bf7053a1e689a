package io.atta.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class AdminKeyTest {
    @Test
    void aNewKeyIsWrittenOwnerOnlyOnceAndReadBackLater(@TempDir Path data) throws Exception {
        AdminKey first = AdminKey.resolve(null, null, data);
        AdminKey later = AdminKey.resolve(null, null, data);

        Path file = data.resolve(AdminKey.fileName);
        assertThat(first.generated()).isTrue();
        assertThat(first.key()).hasSize(2 * AdminKey.generatedKeyBytes);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).trim()).isEqualTo(first.key());
        assertThat(later.generated()).isFalse();
        assertThat(later.key()).isEqualTo(first.key());
        assertThat(later.toString()).doesNotContain(first.key());
    }

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheFile(@TempDir Path data) throws Exception {
        AdminKey.resolve(null, null, data);

        assertThat(AdminKey.resolve("from-option", "from-env", data).key()).isEqualTo("from-option");
        assertThat(AdminKey.resolve(null, "from-env", data).key()).isEqualTo("from-env");
        assertThat(AdminKey.resolve(" ", "", data).generated()).isFalse();
    }
}
