package io.atta.server.risk;

import io.atta.core.DerivedIds;
import io.atta.core.command.ClientContext;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The {@link ClientContext} the edge attaches to a user-initiated movement (docs/RISK.md, Client
 * context): a hash of the {@code Atta-Device-Id} header and the address of the connection's
 * client end, as 128 bits (an IPv4 address mapped into IPv6).
 */
public final class ClientContexts {
    public static final String deviceHeader = "Atta-Device-Id";
    /** Longest device id, in printable ASCII characters. */
    public static final int maxDeviceIdLength = 128;

    private ClientContexts() {
    }

    /** The context of a movement {@code call} makes for {@code userId}. */
    public static ClientContext of(ApiCall call, long userId) {
        long[] ip = address(call.clientAddress());
        return new ClientContext(userId, deviceHash(call.header(deviceHeader)), ip[0], ip[1]);
    }

    /** The hash risk control keeps of a device id (0 for none); block lists name devices by it. */
    public static long deviceHash(String deviceId) {
        if (deviceId == null || deviceId.isEmpty()) {
            return 0;
        }
        if (deviceId.length() > maxDeviceIdLength || !deviceId.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.invalidField(deviceHeader, "must be 1 to " + maxDeviceIdLength
                    + " printable ASCII characters without spaces (maxDeviceIdLength)");
        }
        return DerivedIds.of("device:" + deviceId);
    }

    /** A literal IPv4 or IPv6 address as {high, low}; {0, 0} when there is none or it is not literal. */
    public static long[] address(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9A-Fa-f:.\\[\\]%a-zA-Z]+") || !literal(text)) {
            return new long[2];
        }
        try {
            byte[] b = InetAddress.getByName(text).getAddress();
            return b.length == 4 ? new long[] {0, 0xFFFF_0000_0000L | (bytes(b, 0, 4) & 0xFFFF_FFFFL)}
                    : new long[] {bytes(b, 0, 8), bytes(b, 8, 8)};
        } catch (UnknownHostException e) {
            return new long[2];
        }
    }

    /** True for an IPv4 dotted quad or an IPv6 literal: never a name that would need a lookup. */
    static boolean literal(String text) {
        return text.matches("\\d{1,3}(\\.\\d{1,3}){3}") || text.contains(":");
    }

    private static long bytes(byte[] b, int from, int n) {
        long v = 0;
        for (int i = from; i < from + n; i++) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }
}
