package io.atta.core.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * The audit key's public half as published: the raw 32 bytes of RFC 8032, which is what
 * verifiers in other languages take. Java reads it through its X.509 form (RFC 8410), a fixed
 * 12-byte prefix and the raw key.
 */
public final class AuditKeys {
    private static final byte[] x509Prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    public static final int rawBytes = 32;

    private AuditKeys() {
    }

    public static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der.length != x509Prefix.length + rawBytes
                || !Arrays.equals(der, 0, x509Prefix.length, x509Prefix, 0, x509Prefix.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(der, x509Prefix.length, der.length);
    }

    public static PublicKey publicKey(byte[] raw) {
        if (raw.length != rawBytes) {
            throw new IllegalArgumentException("an Ed25519 public key is " + rawBytes + " bytes; got " + raw.length);
        }
        byte[] der = Arrays.copyOf(x509Prefix, x509Prefix.length + rawBytes);
        System.arraycopy(raw, 0, der, x509Prefix.length, rawBytes);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }
}
