package io.atta.server.gateway;

import org.junit.jupiter.api.Test;

import java.security.PublicKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RsaKeysTest {
    @Test
    void parses_bare_wrapped_and_pem_public_keys_to_the_same_key() {
        String bare = TestKeys.appPublicBase64();
        String wrapped = bare.replaceAll("(.{64})", "$1\n");
        String pem = "-----BEGIN PUBLIC KEY-----\r\n" + wrapped + "\r\n-----END PUBLIC KEY-----\n";

        for (String text : new String[] {bare, wrapped, pem, "  " + bare + "\n"}) {
            PublicKey key = RsaKeys.parsePublicKey(text);
            assertThat(key).isEqualTo(TestKeys.app.getPublic());
            assertThat(RsaKeys.encode(key)).isEqualTo(bare);
        }
        assertThat(RsaKeys.bits(TestKeys.app.getPublic())).isEqualTo(2048);
    }

    @Test
    void parses_a_pkcs8_private_key() {
        assertThat(RsaKeys.parsePrivateKey(TestKeys.appPrivateBase64())).isEqualTo(TestKeys.app.getPrivate());
    }

    @Test
    void refuses_a_1024_bit_key_saying_so() {
        String weak = RsaKeys.encode(TestKeys.generate(1024).getPublic());

        assertThatThrownBy(() -> RsaKeys.parsePublicKey(weak)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the public key has 1024 bits; at least 2048 are required (Alipay refuses shorter RSA keys)");
    }

    @Test
    void refuses_garbage_saying_what_is_wrong() {
        assertThatThrownBy(() -> RsaKeys.parsePublicKey("")).hasMessage("the public key is empty");
        assertThatThrownBy(() -> RsaKeys.parsePublicKey(null)).hasMessage("the public key is empty");
        assertThatThrownBy(() -> RsaKeys.parsePublicKey("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----"))
                .hasMessage("the public key has PEM headers but no key between them");
        assertThatThrownBy(() -> RsaKeys.parsePublicKey("not*base64")).hasMessageStartingWith(
                "the public key is not standard Base64");
        assertThatThrownBy(() -> RsaKeys.parsePublicKey("QUJDRA==")).hasMessageStartingWith(
                "the public key is not an RSA key in X.509 SubjectPublicKeyInfo form");
        // A private key pasted where the public key belongs.
        assertThatThrownBy(() -> RsaKeys.parsePublicKey(TestKeys.appPrivateBase64())).hasMessageStartingWith(
                "the public key is not an RSA key in X.509");
        assertThatThrownBy(() -> RsaKeys.parsePublicKey("A".repeat(RsaKeys.maxKeyTextChars + 1)))
                .hasMessage("the public key is longer than 16384 characters");
    }
}
