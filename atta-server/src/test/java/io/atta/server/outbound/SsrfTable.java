package io.atta.server.outbound;

import java.util.List;

/**
 * The URLs of the SSRF table (issue 13): every form of a target Atta must never call, IPv4 and
 * IPv6, and public targets it must take. Shared by the validator's test and the API tests that
 * register webhook and notify URLs.
 */
public final class SsrfTable {
    private SsrfTable() {
    }

    public static List<String> refused() {
        return List.of(
                // loopback, IPv4 and IPv6, by address and by name
                "http://127.0.0.1/hook", "http://127.255.255.254:8080/", "https://[::1]/", "http://localhost:8080/",
                "http://api.localhost/", "http://LOCALHOST./",
                // private
                "http://10.0.0.1/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
                "http://[fc00::1]/", "http://[fd12:3456:789a::1]/",
                // link-local, the cloud metadata service included
                "http://169.254.169.254/latest/meta-data/", "http://169.254.0.1/", "http://[fe80::1]/",
                // multicast, unspecified, broadcast, CGNAT, reserved
                "http://224.0.0.1/", "http://239.255.255.250/", "http://[ff02::1]/", "http://0.0.0.0/",
                "http://[::]/", "http://0.1.2.3/", "http://255.255.255.255/", "http://100.64.0.1/",
                "http://100.127.255.254/", "http://240.0.0.1/", "http://192.0.2.10/",
                // IPv4-mapped, IPv4-compatible, NAT64 and 6to4 forms of those
                "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::ffff:169.254.169.254]/",
                "http://[::ffff:10.0.0.1]/", "http://[::127.0.0.1]/", "http://[::a9fe:a9fe]/",
                "http://[64:ff9b::127.0.0.1]/", "http://[2002:7f00:1::]/", "http://[2002:c0a8:101::1]/",
                // decimal, octal, hex and short IPv4 forms
                "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.1/", "http://0x7f000001/", "http://127.1/",
                "http://127.0.1/", "http://017700000001/", "http://1.2.3.4.5/", "http://127.0.0.1./",
                "http://93.184.216.034/", "http://3627734050/",
                // user information, other schemes, no host
                "http://a@b.example/", "http://user:pass@shop.example/", "https://shop.example@127.0.0.1/",
                "ftp://shop.example/", "file:///etc/passwd", "gopher://shop.example/", "javascript:alert(1)",
                "mailto:a@b.example", "http:///nohost", "http://:80/", "/relative", "shop.example/hook",
                // an IPv6 zone, percent-encoding, a malformed host
                "http://[fe80::1%25eth0]/", "http://%31%32%37.0.0.1/", "http://my_host/", "http://[::1/");
    }

    /** Literal public addresses and names: taken at registration without any traffic. */
    public static List<String> publicTargets() {
        return List.of("https://93.184.216.34/hook", "http://93.184.216.34:8080/a?b=c", "https://shop.example/",
                "https://[2606:2800:220:1:248:1893:25c8:1946]/", "https://[::ffff:93.184.216.34]/",
                "HTTPS://Shop.Example/Hook", "https://8.8.8.8/", "http://1.1.1.1/", "https://0x7f.example/",
                "https://localhost.example/", "https://xn--fsq.example/");
    }
}
