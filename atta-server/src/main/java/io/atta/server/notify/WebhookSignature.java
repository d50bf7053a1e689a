package io.atta.server.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code Atta-Signature} header of a webhook: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}
 * over {@code "<t>.<body>"} with the merchant's webhook secret (UTF-8). Signing the time with the
 * body lets a receiver refuse a replayed request by its age.
 */
public final class WebhookSignature {
    public static final String headerName = "Atta-Signature";
    static final String macAlgorithm = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The header value for {@code body} signed at {@code unixSeconds} with {@code secret}. */
    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
    }

    static byte[] hmac(String secret, long unixSeconds, byte[] body) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the merchant has no webhook secret to sign with");
        }
        Mac mac;
        try {
            mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macAlgorithm));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has " + macAlgorithm, e);
        }
        mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
        return mac.doFinal(body);
    }
}
