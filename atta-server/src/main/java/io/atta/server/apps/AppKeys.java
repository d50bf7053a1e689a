package io.atta.server.apps;

import io.atta.core.trade.TradeLimits;
import io.atta.server.gateway.RsaKeys;
import io.atta.server.http.ApiException;

import java.security.PublicKey;

/** Apps' public keys: checked when registered, kept as canonical one-line Base64 X.509. */
final class AppKeys {
    private AppKeys() {
    }

    /** The key of {@code text} (Base64 X.509 or PEM) as it is kept; a clear 400 naming the field when unusable. */
    static String normalized(String text, String field) {
        PublicKey key;
        try {
            key = RsaKeys.parsePublicKey(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be an RSA public key of at least " + RsaKeys.minKeyBits
                    + " bits, Base64 X.509 SubjectPublicKeyInfo as Alipay's key tool writes it (or PEM): "
                    + e.getMessage());
        }
        String canonical = RsaKeys.encode(key);
        if (canonical.length() > TradeLimits.maxAppPublicKeyLength) {
            throw ApiException.invalidField(field, "is longer than " + TradeLimits.maxAppPublicKeyLength
                    + " characters of Base64 (maxAppPublicKeyLength): use a key of at most 4096 bits");
        }
        return canonical;
    }

    /** A kept key, which was checked when registered. */
    static PublicKey publicKey(String canonical) {
        return RsaKeys.parsePublicKey(canonical);
    }
}
