package io.atta.server.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The address ranges Atta never calls a merchant at (docs/API.md, Outbound URLs): every range
 * that is not a public unicast address on the internet. Loopback, private and shared (CGNAT)
 * ranges are {@link Kind#allowedWhenPrivate} — an on-premise setup's receivers live there —
 * while link-local (cloud metadata at 169.254.169.254), multicast, unspecified, broadcast and
 * reserved addresses are refused whatever the server's options.
 */
final class NonPublicAddresses {
    /** Why an address is not public. */
    enum Kind {
        loopback(true), privateNetwork(true), sharedNat(true), linkLocal(false), multicast(false),
        unspecified(false), broadcast(false), reserved(false);

        /** Whether {@code --allow-private-webhooks} lets a URL reach it. */
        final boolean allowedWhenPrivate;

        Kind(boolean allowedWhenPrivate) {
            this.allowedWhenPrivate = allowedWhenPrivate;
        }
    }

    /** A non-public range: {@code prefix/bits}, what it is, and its name for messages. */
    record Range(byte[] prefix, int bits, Kind kind, String what) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    /** Why {@code address} is refused, naming its range. */
    record Refusal(Kind kind, String reason) {
    }

    /** Most specific first: the first range that holds an address names it. */
    private static final List<Range> ranges = List.of(
            range("255.255.255.255/32", Kind.broadcast, "the broadcast address"),
            range("0.0.0.0/32", Kind.unspecified, "the unspecified address"),
            range("0.0.0.0/8", Kind.reserved, "\"this network\" (0.0.0.0/8)"),
            range("10.0.0.0/8", Kind.privateNetwork, "private (10.0.0.0/8)"),
            range("100.64.0.0/10", Kind.sharedNat, "carrier-grade NAT space (100.64.0.0/10)"),
            range("127.0.0.0/8", Kind.loopback, "loopback (127.0.0.0/8)"),
            range("169.254.0.0/16", Kind.linkLocal, "link-local (169.254.0.0/16, cloud metadata included)"),
            range("172.16.0.0/12", Kind.privateNetwork, "private (172.16.0.0/12)"),
            range("192.0.0.0/24", Kind.reserved, "reserved for protocol assignments (192.0.0.0/24)"),
            range("192.0.2.0/24", Kind.reserved, "reserved for documentation (192.0.2.0/24)"),
            range("192.168.0.0/16", Kind.privateNetwork, "private (192.168.0.0/16)"),
            range("198.18.0.0/15", Kind.reserved, "reserved for benchmarks (198.18.0.0/15)"),
            range("198.51.100.0/24", Kind.reserved, "reserved for documentation (198.51.100.0/24)"),
            range("203.0.113.0/24", Kind.reserved, "reserved for documentation (203.0.113.0/24)"),
            range("224.0.0.0/4", Kind.multicast, "multicast (224.0.0.0/4)"),
            range("240.0.0.0/4", Kind.reserved, "reserved (240.0.0.0/4)"),
            range("::/128", Kind.unspecified, "the unspecified address (::)"),
            range("::1/128", Kind.loopback, "loopback (::1)"),
            range("64:ff9b:1::/48", Kind.privateNetwork, "local-use NAT64 (64:ff9b:1::/48)"),
            range("100::/64", Kind.reserved, "discard-only (100::/64)"),
            range("2001::/32", Kind.reserved, "a Teredo tunnel address (2001::/32)"),
            range("2001:db8::/32", Kind.reserved, "reserved for documentation (2001:db8::/32)"),
            range("fc00::/7", Kind.privateNetwork, "unique local, private (fc00::/7)"),
            range("fe80::/10", Kind.linkLocal, "link-local (fe80::/10)"),
            range("fec0::/10", Kind.privateNetwork, "site-local, private (fec0::/10)"),
            range("ff00::/8", Kind.multicast, "multicast (ff00::/8)"));

    /**
     * IPv6 ranges that carry an IPv4 address in their last 32 bits (or, for 6to4, bits 16–48).
     * The mapped range is spelled in bytes: Java reads {@code ::ffff:a.b.c.d} as the IPv4 address.
     */
    private static final Range mapped = new Range(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF,
            0, 0, 0, 0}, 96, Kind.reserved, "IPv4-mapped");
    private static final Range compatible = range("::/96", Kind.reserved, "IPv4-compatible");
    private static final Range nat64 = range("64:ff9b::/96", Kind.reserved, "NAT64");
    private static final Range sixToFour = range("2002::/16", Kind.reserved, "6to4");

    private NonPublicAddresses() {
    }

    /** Why {@code address} is not public, or null when it is. */
    static Refusal refusal(InetAddress address) {
        byte[] a = address.getAddress();
        if (address instanceof Inet6Address) {
            Refusal embedded = embeddedRefusal(a);
            if (embedded != null) {
                return embedded;
            }
        }
        for (Range r : ranges) {
            if (r.contains(a)) {
                return new Refusal(r.kind(), r.what());
            }
        }
        return null;
    }

    /** An IPv6 form of an IPv4 address is judged by the IPv4 address it carries. */
    private static Refusal embeddedRefusal(byte[] a) {
        Range form = null;
        byte[] v4 = null;
        // Loopback and unspecified sit inside ::/96 but are IPv6's own.
        if (mapped.contains(a) || nat64.contains(a) || compatible.contains(a) && !isShortV6(a)) {
            form = mapped.contains(a) ? mapped : nat64.contains(a) ? nat64 : compatible;
            v4 = Arrays.copyOfRange(a, 12, 16);
        } else if (sixToFour.contains(a)) {
            form = sixToFour;
            v4 = Arrays.copyOfRange(a, 2, 6);
        }
        if (form == null) {
            return null;
        }
        Refusal inner;
        try {
            inner = refusal(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
        if (inner == null) {
            return null;
        }
        String v4Text = (v4[0] & 0xFF) + "." + (v4[1] & 0xFF) + "." + (v4[2] & 0xFF) + "." + (v4[3] & 0xFF);
        return new Refusal(inner.kind(), "an " + form.what() + " IPv6 form of " + v4Text + ", " + inner.reason());
    }

    /** :: and ::1, which the IPv4-compatible range would otherwise read as 0.0.0.0 and 0.0.0.1. */
    private static boolean isShortV6(byte[] a) {
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[15] & 0xFF) <= 1;
    }

    private static Range range(String cidr, Kind kind, String what) {
        int slash = cidr.indexOf('/');
        try {
            return new Range(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
                    Integer.parseInt(cidr.substring(slash + 1)), kind, what);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(cidr + " is a literal address", e);
        }
    }
}
