package io.atta.server.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * {@code <data>/master.key}: the node's {@link MasterKey}, {@value MasterKey#keyBytes} random bytes
 * made on the first start (mode 0600, written atomically) and read on every later one. A damaged
 * file stops the start, naming it: a new key would leave every sealed secret unopenable.
 */
public final class MasterKeyFile {
    public static final String fileName = "master.key";

    private MasterKeyFile() {
    }

    /** The key in {@code dataDir}, made there first when the node has none. */
    public static MasterKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(fileName);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] bytes = new byte[MasterKey.keyBytes];
                new SecureRandom().nextBytes(bytes);
                OwnerOnlyFile.writeAtomically(file, bytes);
            }
            return new MasterKey(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the master key " + file, e);
        }
    }

    /**
     * Gives {@code dataDir} the key in {@code source} (a cluster's shared key): copied when the node
     * has none yet; when it has one, it must be the same key, or the start stops naming both files.
     */
    public static void install(Path source, Path dataDir) {
        Path target = dataDir.resolve(fileName);
        try {
            byte[] key = read(source);
            if (!Files.exists(target)) {
                Files.createDirectories(dataDir);
                OwnerOnlyFile.writeAtomically(target, key);
                return;
            }
            if (!Arrays.equals(read(target), key)) {
                throw new IllegalStateException(target + " differs from " + source + ": every node of a cluster"
                        + " needs the same master key (docs/OPERATIONS.md, master.key)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the master key " + source + " to " + target, e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != MasterKey.keyBytes) {
            throw new IllegalStateException(file + " is damaged: a master key is " + MasterKey.keyBytes
                    + " bytes, this file has " + bytes.length + "; restore it from a backup (a new key cannot"
                    + " open the webhook secrets sealed under the old one)");
        }
        return bytes;
    }
}
