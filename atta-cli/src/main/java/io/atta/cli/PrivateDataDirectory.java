package io.atta.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A node's data directory is its owner's only (docs/OPERATIONS.md, Permissions): it holds the
 * master key, the platform's private key, the admin key and every account's history. Created 0700;
 * on every start an existing tree is tightened (directories 0700, files 0600), so a directory made
 * before these rules, or a file written under a loose umask, is closed at the next start. Symbolic
 * links are left alone: what they point at is not the node's to change.
 */
public final class PrivateDataDirectory {
    public static final Set<PosixFilePermission> directoryMode = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> fileMode = PosixFilePermissions.fromString("rw-------");

    private PrivateDataDirectory() {
    }

    /** Creates {@code dir} (and missing parents) owner-only, or tightens the tree already there. */
    public static void createOrTighten(Path dir) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(directoryMode));
            // The umask may have narrowed the mode further, never widened it; set it exactly.
            Files.setPosixFilePermissions(dir, directoryMode);
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                tighten(d, directoryMode);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    tighten(f, fileMode);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void tighten(Path p, Set<PosixFilePermission> mode) throws IOException {
        if (!Files.getPosixFilePermissions(p).equals(mode)) {
            Files.setPosixFilePermissions(p, mode);
        }
    }
}
