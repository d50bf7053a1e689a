package io.atta.server.auth;

import io.atta.engine.access.Key;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API keys: {@code atk_<key_id>_<secret>} with a secret of 32 random bytes in base64url. The key
 * id says which shard holds the key (a user's own token has the user id as key id); the ledger
 * keeps only the SHA-256 of the whole text, as four big-endian longs.
 */
public final class UserTokens {
    public static final String prefix = "atk_";
    private static final int secretBytes = 32;

    private UserTokens() {
    }

    /** A new key text for {@code keyId} (a user's own token: the user id). */
    public static String issue(long keyId, SecureRandom random) {
        byte[] secret = new byte[secretBytes];
        random.nextBytes(secret);
        return prefix + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The key id a key text names, or -1 when the text does not have a key's shape. */
    public static long keyIdOf(String token) {
        if (!token.startsWith(prefix)) {
            return -1;
        }
        int end = token.indexOf('_', prefix.length());
        if (end < 0 || end == token.length() - 1) {
            return -1;
        }
        long id = io.atta.server.json.ValueText.decimalId(token.substring(prefix.length(), end));
        return id > 0 ? id : -1;
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A SHA-256 as the four big-endian longs a {@code CreateUser} command carries. */
    public static long[] words(byte[] sha256) {
        ByteBuffer b = ByteBuffer.wrap(sha256);
        return new long[] {b.getLong(), b.getLong(), b.getLong(), b.getLong()};
    }

    /** The hash a key record keeps, as bytes. */
    public static byte[] hashOf(Key key) {
        return ByteBuffer.allocate(32).putLong(key.hash0()).putLong(key.hash1())
                .putLong(key.hash2()).putLong(key.hash3()).array();
    }
}
