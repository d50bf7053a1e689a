package io.atta.server.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest {
    @Test
    void a_sealed_secret_opens_to_itself_and_reveals_nothing_of_it() {
        MasterKey key = MasterKey.random();
        String secret = "whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

        String sealed = key.seal(secret);
        String again = key.seal(secret);

        assertThat(sealed).startsWith("v1:").doesNotContain(secret).doesNotContain("0123456789abcdef");
        assertThat(again).as("a fresh nonce per seal").isNotEqualTo(sealed);
        assertThat(key.open(sealed)).isEqualTo(secret);
        assertThat(key.open(again)).isEqualTo(secret);
        assertThat(MasterKey.isSealed(sealed)).isTrue();
        assertThat(MasterKey.isSealed(secret)).isFalse();
    }

    @Test
    void another_key_or_a_changed_byte_does_not_open() {
        MasterKey key = MasterKey.random();
        String sealed = key.seal("whsec_x");
        char[] flipped = sealed.toCharArray();
        int last = flipped.length - 1;
        flipped[last] = flipped[last] == 'A' ? 'B' : 'A';

        assertThatThrownBy(() -> MasterKey.random().open(sealed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another master key");
        assertThatThrownBy(() -> key.open(new String(flipped))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> key.open("v1:short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> key.open("v1:***")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> key.open("whsec_x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_file_is_made_once_owner_only_and_read_back(@TempDir Path data) throws Exception {
        MasterKey first = MasterKeyFile.loadOrCreate(data);
        Path file = data.resolve(MasterKeyFile.fileName);
        byte[] bytes = Files.readAllBytes(file);

        MasterKey second = MasterKeyFile.loadOrCreate(data);

        assertThat(bytes).hasSize(MasterKey.keyBytes);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.open(first.seal("whsec_y"))).isEqualTo("whsec_y");
        assertThat(data.toFile().list()).containsExactly(MasterKeyFile.fileName);
        assertThat(first.toString()).doesNotContain(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void a_damaged_file_stops_the_load_naming_it(@TempDir Path data) throws Exception {
        Path file = data.resolve(MasterKeyFile.fileName);
        Files.write(file, new byte[7]);

        assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(data)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(file + " is damaged");
        assertThat(Files.size(file)).as("left as found, for the operator to restore").isEqualTo(7);
    }

    @Test
    void a_cluster_key_is_copied_to_a_node_once_and_a_different_one_is_refused(@TempDir Path dir) throws Exception {
        MasterKey shared = MasterKeyFile.loadOrCreate(dir.resolve("cluster"));
        Path source = dir.resolve("cluster").resolve(MasterKeyFile.fileName);

        MasterKeyFile.install(source, dir.resolve("node-1"));
        MasterKeyFile.install(source, dir.resolve("node-1"));

        Path copy = dir.resolve("node-1").resolve(MasterKeyFile.fileName);
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(source));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(MasterKeyFile.loadOrCreate(dir.resolve("node-1")).open(shared.seal("whsec_z"))).isEqualTo("whsec_z");

        MasterKeyFile.loadOrCreate(dir.resolve("node-2"));
        assertThatThrownBy(() -> MasterKeyFile.install(source, dir.resolve("node-2")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("node-2").hasMessageContaining("differs");
    }
}
