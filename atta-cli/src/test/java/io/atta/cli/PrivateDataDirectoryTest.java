package io.atta.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateDataDirectoryTest {
    @Test
    void a_new_directory_is_made_owner_only(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("a").resolve("data");

        PrivateDataDirectory.createOrTighten(data);

        assertThat(mode(data)).isEqualTo("rwx------");
    }

    @Test
    void an_existing_loose_tree_is_tightened_and_links_are_left_alone(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path sub = Files.createDirectories(data.resolve("shard-0").resolve("raft"));
        Path file = Files.writeString(sub.resolve("meta"), "x");
        Path outside = Files.writeString(dir.resolve("outside.txt"), "y");
        Files.createSymbolicLink(data.resolve("link"), outside);
        for (Path p : new Path[] {data, sub, sub.getParent()}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateDataDirectory.createOrTighten(data);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(sub.getParent())).isEqualTo("rwx------");
        assertThat(mode(sub)).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(outside)).as("a link's target is not the node's").isEqualTo("rw-r--r--");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
