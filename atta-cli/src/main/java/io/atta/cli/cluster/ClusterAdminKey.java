package io.atta.cli.cluster;

import io.atta.cli.AdminKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The admin key a local cluster shares: every node of {@code atta cluster start} gets the key of
 * {@code DIR/admin.key} (made once, mode 0600, as {@code atta server} makes its own), and the
 * other verbs find it there. Mirrors {@link AdminKey}'s order: option, then
 * {@code ATTA_ADMIN_KEY}, then the file.
 */
final class ClusterAdminKey {
    private ClusterAdminKey() {
    }

    /** The key in {@code file}, made now (readable by its owner only) when the file does not exist. */
    static String readOrCreate(Path file) throws IOException {
        try {
            return AdminKey.readOrCreate(file).key();
        } catch (IOException e) {
            throw new ClusterFailure(e.getMessage());
        }
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
            return readOrCreate(file);
        }
        return null;
    }
}
