package io.atta.server.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/** How a merchant checks {@code Atta-Signature}: the code docs/API.md (Webhooks) shows, verbatim. */
public final class MerchantSignatureCheck {
    private MerchantSignatureCheck() {
    }

    public static boolean verify(String secret, String header, byte[] body, long toleranceSeconds) throws Exception {
        String t = header.substring(2, header.indexOf(','));           // "t=<seconds>,v1=<hex>"
        byte[] v1 = HexFormat.of().parseHex(header.substring(header.indexOf(",v1=") + 4));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        return MessageDigest.isEqual(mac.doFinal(body), v1)
                && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) <= toleranceSeconds;
    }

    /** True when {@code r} is signed with {@code secret}, within five minutes of now. */
    public static boolean signed(WebhookReceiver.Received r, String secret) {
        String header = r.header("Atta-Signature");
        try {
            return header != null && verify(secret, header, r.body().getBytes(StandardCharsets.UTF_8), 300);
        } catch (Exception malformed) {
            return false;
        }
    }
}
