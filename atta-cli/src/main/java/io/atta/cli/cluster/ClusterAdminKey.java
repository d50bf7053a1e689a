package io.atta.cli.cluster;

import io.atta.cli.AdminKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The admin key a local cluster shares: every node of {@code atta cluster start} gets the key of
 * {@code DIR/admin.key} (made once, mode 0600, as {@code atta server} makes its own), and the
 * other verbs find it there. Mirrors {@link AdminKey}'s order: option, then
 * {@code ATTA_ADMIN_KEY}, then the file.
 */
final class ClusterAdminKey {
    /** Random bytes in a generated key (256 bits, hex-encoded), as {@code atta server} makes them. */
    static final int generatedKeyBytes = 32;

    private ClusterAdminKey() {
    }

    /** The key in {@code file}, made now (readable by its owner only) when the file does not exist. */
    static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        byte[] random = new byte[generatedKeyBytes];
        new SecureRandom().nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        return key;
    }

    static String read(Path file) throws IOException {
        String key = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (key.isEmpty()) {
            throw new ClusterFailure(file + " is empty: delete it to have a new admin key made, or pass --admin-key");
        }
        return key;
    }

    /**
     * The key to call the nodes' admin API with: {@code option}, else {@code environment}, else
     * the contents of {@code file} when it exists; null when none of them gives one.
     */
    static String resolve(String option, String environment, Path file) throws IOException {
        if (option != null && !option.isBlank()) {
            return option.trim();
        }
        if (environment != null && !environment.isBlank()) {
            return environment.trim();
        }
        if (file != null && Files.isRegularFile(file)) {
            return read(file);
        }
        return null;
    }
}
