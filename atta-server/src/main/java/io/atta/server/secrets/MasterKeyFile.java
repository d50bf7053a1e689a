package io.atta.server.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
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
                writeAtomically(file, bytes);
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
                writeAtomically(target, key);
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

    /**
     * Through a temporary file created 0600 in the same directory, then an atomic rename and the
     * directory's fsync: a crash leaves no key or the whole key, never part of one.
     */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, fileName, ".tmp", ownerOnly);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException notSupported) {
            // Some file systems cannot sync a directory; the rename is still atomic.
        }
    }
}
