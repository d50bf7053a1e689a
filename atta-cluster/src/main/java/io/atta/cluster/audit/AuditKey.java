package io.atta.cluster.audit;

import io.atta.core.audit.AuditKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;

/**
 * The platform's audit key (Ed25519), which signs checkpoints: made in the data directory on the
 * first start ({@code audit/audit-key.private}, PKCS#8, readable by the owner only, and
 * {@code audit/audit-key.public}, the raw 32 bytes in hex) and read from there afterwards.
 */
public final class AuditKey {
    static final String privateFile = "audit-key.private";
    static final String publicFile = "audit-key.public";

    private AuditKey() {
    }

    public static KeyPair loadOrCreate(Path dir) {
        Path priv = dir.resolve(privateFile);
        Path pub = dir.resolve(publicFile);
        try {
            Files.createDirectories(dir);
            if (Files.exists(priv)) {
                PrivateKey p = KeyFactory.getInstance("Ed25519").generatePrivate(
                        new PKCS8EncodedKeySpec(Files.readAllBytes(priv)));
                PublicKey q = AuditKeys.publicKey(HexFormat.of().parseHex(Files.readString(pub).strip()));
                return new KeyPair(q, p);
            }
            KeyPair k = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path tmp = dir.resolve(privateFile + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.write(tmp, k.getPrivate().getEncoded());
            Files.writeString(pub, HexFormat.of().formatHex(AuditKeys.raw(k.getPublic())) + "\n");
            Files.move(tmp, priv, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the audit key in " + dir, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the audit key in " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }
}
