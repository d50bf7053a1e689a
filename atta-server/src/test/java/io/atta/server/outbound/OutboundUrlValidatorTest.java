package io.atta.server.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSRF table: every form of a non-public target a merchant could register, refused, and
 * public ones taken. Nothing here leaves the machine: names resolve through a map.
 */
class OutboundUrlValidatorTest {
    private static final Map<String, String[]> dns = Map.of(
            "shop.example", new String[] {"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"},
            "rebound.example", new String[] {"93.184.216.34", "127.0.0.1"},
            "inside.example", new String[] {"10.1.2.3"},
            "metadata.example", new String[] {"169.254.169.254"},
            "v6loop.example", new String[] {"::1"});
    private static final HostResolver resolver = host -> {
        String[] texts = dns.get(host);
        if (texts == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[texts.length];
        for (int i = 0; i < texts.length; i++) {
            out[i] = InetAddress.getByName(texts[i]);
        }
        return out;
    };
    private static final OutboundUrlValidator publicOnly = new OutboundUrlValidator(false, resolver);
    private static final OutboundUrlValidator allowingPrivate = new OutboundUrlValidator(true, resolver);

    @ParameterizedTest
    @MethodSource("io.atta.server.outbound.SsrfTable#refused")
    void refused_at_registration(String url) {
        assertThat(publicOnly.refusal(url)).as(url).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("io.atta.server.outbound.SsrfTable#publicTargets")
    void public_targets_are_taken(String url) {
        assertThat(publicOnly.refusal(url)).as(url).isNull();
    }

    @Test
    void refusals_say_what_the_address_is() {
        assertThat(publicOnly.refusal("http://127.0.0.1/")).isEqualTo(
                "must be a public address: 127.0.0.1 is loopback (127.0.0.0/8)");
        assertThat(publicOnly.refusal("http://169.254.169.254/")).contains("link-local").contains("metadata");
        assertThat(publicOnly.refusal("http://[::a9fe:a9fe]/")).contains("IPv4-compatible IPv6 form of 169.254.169.254");
        assertThat(publicOnly.refusal("http://2130706433/")).contains("four decimal parts").contains("2130706433");
        assertThat(publicOnly.refusal("http://a@b.example/")).contains("user information");
        assertThat(publicOnly.refusal("ftp://shop.example/")).isEqualTo("must use http or https, not ftp");
        assertThat(publicOnly.refusal("http://100.64.0.1/")).contains("carrier-grade NAT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/", "http://[::1]/", "http://10.0.0.1/",
            "http://192.168.1.1/", "http://[fd00::1]/", "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/"})
    void allow_private_webhooks_takes_loopback_private_and_cgnat(String url) {
        assertThat(allowingPrivate.refusal(url)).as(url).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/", "http://[fe80::1]/", "http://224.0.0.1/", "http://0.0.0.0/",
            "http://255.255.255.255/", "http://2130706433/", "http://0x7f.1/", "http://a@127.0.0.1/",
            "ftp://127.0.0.1/"})
    void allow_private_webhooks_still_refuses_the_rest(String url) {
        assertThat(allowingPrivate.refusal(url)).as(url).isNotNull();
    }

    @Test
    void at_delivery_every_address_the_name_resolves_to_must_be_public() {
        assertThat(publicOnly.deliveryRefusal(URI.create("https://shop.example/hook"))).isNull();
        assertThat(publicOnly.deliveryRefusal(URI.create("https://93.184.216.34/hook"))).isNull();
        assertThat(publicOnly.deliveryRefusal(URI.create("https://rebound.example/hook")))
                .isEqualTo("the host rebound.example resolves to 127.0.0.1, loopback (127.0.0.0/8)");
        assertThat(publicOnly.deliveryRefusal(URI.create("https://inside.example/"))).contains("10.1.2.3, private");
        assertThat(publicOnly.deliveryRefusal(URI.create("https://metadata.example/"))).contains("link-local");
        assertThat(publicOnly.deliveryRefusal(URI.create("https://v6loop.example/"))).contains("::1");
        assertThat(publicOnly.deliveryRefusal(URI.create("https://unknown.example/"))).isEqualTo(
                "the host unknown.example does not resolve");
        // A URL kept from before these checks is held to them at delivery.
        assertThat(publicOnly.deliveryRefusal(URI.create("http://169.254.169.254/"))).startsWith("the URL must be");

        assertThat(allowingPrivate.deliveryRefusal(URI.create("https://rebound.example/hook"))).isNull();
        assertThat(allowingPrivate.deliveryRefusal(URI.create("https://metadata.example/"))).contains("link-local");
    }
}
