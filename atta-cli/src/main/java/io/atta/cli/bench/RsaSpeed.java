package io.atta.cli.bench;

import io.atta.server.gateway.GatewaySignature;
import io.atta.server.gateway.SignType;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;

/**
 * Single-thread RSA2 (SHA256withRSA) signing and checking with one key, timed for a fixed while
 * each through the gateway's own {@link GatewaySignature}: what one core can sign or check per
 * second, the bound on how fast the gateway can answer. Rates are per second of the thread's own
 * CPU time, so other processes taking the core meanwhile do not lower them.
 */
record RsaSpeed(int keyBits, double signsPerSecond, double verifiesPerSecond) {
    static final long warmupNanos = 1_000_000_000L;
    static final long measureNanos = 2_000_000_000L;
    /** About the size of an {@code alipay.trade.pay} request's signed text. */
    static final String content = "app_id=2021000000000001&biz_content={\"out_trade_no\":\"g12345\",\"scene\":\"bar_code\","
            + "\"auth_code\":\"280000000000000001234567890123456789012345\",\"total_amount\":\"12.34\",\"subject\":"
            + "\"bench goods\"}&charset=utf-8&format=json&method=alipay.trade.pay&sign_type=RSA2"
            + "&timestamp=2026-11-21 12:00:00&version=1.0";

    static RsaSpeed measure(KeyPair key, int keyBits) {
        String sign = GatewaySignature.sign(content, key.getPrivate(), SignType.RSA2);
        timed(warmupNanos, () -> GatewaySignature.sign(content, key.getPrivate(), SignType.RSA2));
        double signs = timed(measureNanos, () -> GatewaySignature.sign(content, key.getPrivate(), SignType.RSA2));
        timed(warmupNanos, () -> check(sign, key));
        double verifies = timed(measureNanos, () -> check(sign, key));
        return new RsaSpeed(keyBits, signs, verifies);
    }

    private static void check(String sign, KeyPair key) {
        if (!GatewaySignature.verify(content, sign, key.getPublic(), SignType.RSA2)) {
            throw new BenchFailure("a signature the bench made does not verify");
        }
    }

    /** Operations per CPU second of {@code op} run back to back for about {@code nanos} of CPU time. */
    private static double timed(long nanos, Runnable op) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long began = threads.getCurrentThreadCpuTime();
        long n = 0;
        long now;
        do {
            op.run();
            n++;
            now = threads.getCurrentThreadCpuTime();
        } while (now - began < nanos);
        return n * 1e9 / (now - began);
    }
}
