package io.atta.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Transfer ids Atta derives from a request's own key (a top-up's or payment's request id, a
 * sweep's shard and interval), so that every retry of the request names the same transfer. They
 * are in the platform's range ({@link Ids#platformLocalBit}), which no client may use.
 */
public final class DerivedIds {
    private DerivedIds() {
    }

    /** The first 63 bits of SHA-256({@code key}) in UTF-8, never zero. */
    public static long of(String key) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (h[i] & 0xff);
        }
        v &= Long.MAX_VALUE;
        return v == 0 ? 1 : v;
    }

    /**
     * The platform's transfer id for {@code key} in {@code slot}: {@link Ids#platformId} of
     * {@link #of}. The slot must be one the shard of the transfer's debit account owns.
     */
    public static long platformId(int slot, String key) {
        return Ids.platformId(slot, of(key));
    }
}
