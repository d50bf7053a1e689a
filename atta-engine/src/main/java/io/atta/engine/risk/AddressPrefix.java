package io.atta.engine.risk;

/** Comparing 128-bit client addresses (IPv6, IPv4 mapped) by their first bits. */
final class AddressPrefix {
    private AddressPrefix() {
    }

    /** True when (high, low) and (h2, l2) agree in their first {@code bits} (1–128). */
    static boolean matches(long high, long low, long h2, long l2, int bits) {
        if (bits <= 64) {
            return bits == 0 || ((high ^ h2) >>> (64 - bits)) == 0;
        }
        return high == h2 && (bits == 128 ? low == l2 : ((low ^ l2) >>> (128 - bits)) == 0);
    }

    /** The prefix bits that mean "the same network" for {@code new_ip}: /24 for an IPv4-mapped address, else /48. */
    static int networkBits(long high, long low) {
        boolean mapped = high == 0 && (low >>> 32) == 0xFFFFL;
        return mapped ? 96 + 24 : 48;
    }
}
