package io.atta.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where the server's admin key comes from, in order: the {@code --admin-key} option, the
 * {@code ATTA_ADMIN_KEY} environment variable, {@code <data>/admin.key}, or a new random key
 * written to that file (mode 0600) and shown once.
 *
 * @param key       the key
 * @param generated true when the key was made just now (so the caller shows it, this once)
 * @param file      the file the key came from or went to, or null when given directly
 */
public record AdminKey(String key, boolean generated, Path file) {
    public static final String envVariable = "ATTA_ADMIN_KEY";
    public static final String fileName = "admin.key";
    /** Random bytes in a generated key (256 bits, hex-encoded). */
    public static final int generatedKeyBytes = 32;
    /** Longest admin key: it travels in a request header, which is at most 8 KiB whole. */
    public static final int maxKeyChars = 1024;

    @Override
    public String toString() {
        return "AdminKey[key=<hidden>, generated=" + generated + ", file=" + file + "]";
    }

    static AdminKey resolve(String option, String environment, Path dataDir) throws IOException {
        if (option != null && !option.isBlank()) {
            return new AdminKey(option, false, null);
        }
        if (environment != null && !environment.isBlank()) {
            return new AdminKey(environment, false, null);
        }
        return readOrCreate(dataDir.resolve(fileName));
    }

    /**
     * Checks, writing nothing, the key {@link #resolve} would use: given keys and an existing
     * file must hold a usable key, and the file must be readable. A failure names the source.
     */
    static void check(String option, String environment, Path dataDir) {
        if (option != null && !option.isBlank()) {
            requireUsable(option, "--admin-key");
            return;
        }
        if (environment != null && !environment.isBlank()) {
            requireUsable(environment, "$" + envVariable);
            return;
        }
        Path file = dataDir.resolve(fileName);
        if (!Files.exists(file)) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new StartFailure(file + " is not a file: it must hold the admin key, one line");
        }
        try {
            fromFile(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new StartFailure("cannot read " + file + ": permission denied");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new StartFailure(file + " is not UTF-8 text: it must hold the admin key, one line");
        } catch (IOException e) {
            throw new StartFailure(e.getMessage());
        }
    }

    private static void requireUsable(String key, String source) {
        String problem = problem(key);
        if (problem != null) {
            throw new StartFailure("the admin key from " + source + " " + problem);
        }
    }

    /**
     * What makes {@code key} unusable, or null: it is sent as {@code Authorization: Bearer <key>},
     * so it must be printable ASCII without spaces, and fit in a header.
     */
    static String problem(String key) {
        if (key.length() > maxKeyChars) {
            return "is longer than " + maxKeyChars + " characters (maxKeyChars)";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "holds a space, a line break or a character outside printable ASCII (at position " + (i + 1)
                        + "); an HTTP header cannot carry it";
            }
        }
        return null;
    }

    /** The key in {@code file}, or a new random one written there (mode 0600) when it does not exist. */
    public static AdminKey readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return fromFile(file);
        }
        byte[] random = new byte[generatedKeyBytes];
        new SecureRandom().nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        try {
            writeOwnerOnly(file, key);
        } catch (FileAlreadyExistsException raced) {
            return fromFile(file);
        }
        return new AdminKey(key, true, file);
    }

    /** The key in {@code file}, which must exist and not be empty. */
    public static AdminKey fromFile(Path file) throws IOException {
        String key = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (key.isEmpty()) {
            throw new IOException(file + " is empty: delete it to have a new admin key made, or pass --admin-key");
        }
        String problem = problem(key);
        if (problem != null) {
            throw new IOException("the admin key in " + file + " " + problem);
        }
        return new AdminKey(key, false, file);
    }

    /** Creates the file readable by its owner only from the first byte, then writes the key. */
    private static void writeOwnerOnly(Path file, String key) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    }
}
