package io.atta.server.gateway;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** 2048-bit RSA key pairs, made once per test JVM: generating one takes a noticeable fraction of a second. */
final class TestKeys {
    static final KeyPair app = generate(2048);
    static final KeyPair platform = generate(2048);
    static final KeyPair stranger = generate(2048);

    private TestKeys() {
    }

    static String appPrivateBase64() {
        return RsaKeys.encode(app.getPrivate());
    }

    static String appPublicBase64() {
        return RsaKeys.encode(app.getPublic());
    }

    static String platformPublicBase64() {
        return RsaKeys.encode(platform.getPublic());
    }

    static KeyPair generate(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
