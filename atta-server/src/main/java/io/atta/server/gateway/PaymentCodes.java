package io.atta.server.gateway;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.function.LongSupplier;

/**
 * Buyers' payment codes: what a wallet shows as a barcode and a merchant's scanner sends as
 * {@code auth_code} with {@code alipay.trade.pay}. A code names its buyer and its expiry and is
 * authenticated by an HMAC keyed from the platform's private key, so any node holding the
 * platform keys can check it without shared state: {@code 28}, the user id (19 digits), the
 * expiry (10 digits, seconds since the epoch), 12 digits of HMAC-SHA256. A code stays valid until
 * it expires; the trade it pays is idempotent by {@code out_trade_no}, so a code scanned twice
 * for one order pays it once.
 */
public final class PaymentCodes {
    static final String prefix = "28";
    static final int length = 2 + 19 + 10 + 12;
    private static final long macModulus = 1_000_000_000_000L;

    private final SecretKeySpec key;
    private final LongSupplier nowNanos;
    private final long validSeconds;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** A buyer's code and when it stops being accepted (ns since the epoch). */
    public record Code(String authCode, long expiresAt) {
    }

    public PaymentCodes(PrivateKey platformKey, LongSupplier nowNanos, long validSeconds) {
        this.key = new SecretKeySpec(derivedKey(platformKey), "HmacSHA256");
        this.nowNanos = nowNanos;
        this.validSeconds = validSeconds;
    }

    /** A new code for {@code userId}, valid for the configured time from now. */
    public Code issue(long userId) {
        long expiresAtSeconds = Math.floorDiv(nowNanos.getAsLong(), 1_000_000_000L) + validSeconds;
        String body = String.format("%019d%010d", userId, expiresAtSeconds);
        return new Code(prefix + body + String.format("%012d", mac(body)), expiresAtSeconds * 1_000_000_000L);
    }

    /** The buyer a code names, or 0 when it is malformed, forged or expired. */
    public long buyerOf(String authCode) {
        if (authCode == null || authCode.length() != length || !authCode.startsWith(prefix)) {
            return 0;
        }
        for (int i = 0; i < authCode.length(); i++) {
            char c = authCode.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
        }
        String body = authCode.substring(2, 2 + 19 + 10);
        long given = Long.parseLong(authCode.substring(2 + 19 + 10));
        // XOR compares in constant time, as MessageDigest.isEqual would, without formatting both.
        if ((mac(body) ^ given) != 0) {
            return 0;
        }
        long expiresAtSeconds = Long.parseLong(body.substring(19));
        if (Math.floorDiv(nowNanos.getAsLong(), 1_000_000_000L) >= expiresAtSeconds) {
            return 0;
        }
        // 19 digits can exceed a long; a valid MAC means this server wrote it from a long.
        return Long.parseLong(body.substring(0, 19));
    }

    private long mac(String body) {
        byte[] h = macs.get().doFinal(body.getBytes(StandardCharsets.US_ASCII));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (h[i] & 0xff);
        }
        return Math.floorMod(v, macModulus);
    }

    /** A Mac keyed for payment codes; making one per check was 3 % of the gateway's CPU (docs/BENCHMARKS.md). */
    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] derivedKey(PrivateKey platformKey) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update("atta payment codes\n".getBytes(StandardCharsets.US_ASCII));
            return d.digest(platformKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
