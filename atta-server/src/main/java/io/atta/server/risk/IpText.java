package io.atta.server.risk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Client addresses as risk control keeps them (128 bits, IPv4 mapped) back to text. */
final class IpText {
    private IpText() {
    }

    static boolean isIpv4(long high, long low) {
        return high == 0 && (low >>> 32) == 0xFFFFL;
    }

    static String address(long high, long low) {
        if ((high | low) == 0) {
            return null;
        }
        try {
            if (isIpv4(high, low)) {
                return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt((int) low).array()).getHostAddress();
            }
            return InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(high).putLong(low).array())
                    .getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 and 16 bytes are addresses", e);
        }
    }

    /** A prefix of the IPv6 form as "10.1.0.0/16" (IPv4) or "2001:db8:0:0:0:0:0:0/32". */
    static String prefix(long high, long low, int bits) {
        boolean v4 = isIpv4(high, low) && bits >= 96;
        return address(high, low) + "/" + (v4 ? bits - 96 : bits);
    }
}
