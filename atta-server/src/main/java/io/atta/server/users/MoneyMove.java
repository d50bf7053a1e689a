package io.atta.server.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Top-ups and withdrawals: money between a wallet and the bank-funding house account. The
 * transfer id is derived from (user, kind, request id), so a retried request is the same transfer
 * and the ledger answers {@code exists} instead of moving the money twice.
 */
enum MoneyMove {
    topUp("topup", 9001),
    withdrawal("withdraw", 9002);

    private final String name;
    /** The transfer code, so that history tells top-ups and withdrawals apart. */
    final int code;

    MoneyMove(String name, int code) {
        this.name = name;
        this.code = code;
    }

    /** The first 63 bits of SHA-256("<kind>:<user id>:<request id>"), never zero. */
    long transferId(long userId, String requestId) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256")
                    .digest((name + ":" + userId + ":" + requestId).getBytes(StandardCharsets.UTF_8));
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
}
