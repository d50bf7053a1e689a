package io.atta.server.auth;

import io.atta.engine.ledger.User;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * User API tokens: {@code atk_<user_id>_<secret>} with a secret of 32 random bytes in base64url.
 * The user id in the token says which shard holds the user; the ledger keeps only the SHA-256
 * of the whole token, as four big-endian longs.
 */
public final class UserTokens {
    public static final String prefix = "atk_";
    private static final int secretBytes = 32;

    private UserTokens() {
    }

    /** A new token for {@code userId}. */
    public static String issue(long userId, SecureRandom random) {
        byte[] secret = new byte[secretBytes];
        random.nextBytes(secret);
        return prefix + userId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The user id a token names, or -1 when the text does not have a token's shape. */
    public static long userIdOf(String token) {
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

    /** The token hash a user record keeps, as bytes. */
    public static byte[] hashOf(User user) {
        return ByteBuffer.allocate(32).putLong(user.tokenHash0()).putLong(user.tokenHash1())
                .putLong(user.tokenHash2()).putLong(user.tokenHash3()).array();
    }
}
