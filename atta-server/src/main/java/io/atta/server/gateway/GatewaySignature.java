package io.atta.server.gateway;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The protocol's RSA signatures: the text a parameter map is signed as, and signing and checking
 * that text. The text is what the SDK's {@code AlipaySignature.getSignContent} builds: non-empty
 * values sorted by key, {@code k=v} joined with {@code &}, raw values (no URL encoding).
 * "Empty" is the SDK's: null, or nothing but whitespace ({@link Character#isWhitespace}).
 */
public final class GatewaySignature {
    /** A request's signature covers every other parameter, {@code sign_type} included. */
    public static final Set<String> requestExcluded = Set.of("sign");
    /** Notifications and return URLs are signed without {@code sign_type} (the SDK's {@code rsaCheckV1}). */
    public static final Set<String> notificationExcluded = Set.of("sign", "sign_type");

    /**
     * {@link Signature}s of this thread, one per sign type and direction: a Signature is not
     * thread-safe, costs a provider lookup to make, and keeps what it derived from its last key
     * (the provider's own form of it) for as long as it is initialised with that same key object.
     * Signing (always the platform's key) and checking (an app's key) therefore each have their
     * own, so neither re-derives a key on every request.
     */
    private static final ThreadLocal<Signature[]> signatures =
            ThreadLocal.withInitial(() -> new Signature[2 * SignType.values().length]);

    private GatewaySignature() {
    }

    /** The text that {@code params} is signed as, leaving out {@code excluded} keys and empty values. */
    public static String signContent(Map<String, String> params, Set<String> excluded) {
        List<String> keys = new ArrayList<>(params.size());
        for (Map.Entry<String, String> e : params.entrySet()) {
            String value = e.getValue();
            if (!isEmpty(e.getKey()) && !excluded.contains(e.getKey()) && !isEmpty(value)) {
                keys.add(e.getKey());
            }
        }
        keys.sort(null); // String order is UTF-16 code unit order, which is ASCII order for protocol keys.
        StringBuilder content = new StringBuilder(64 * keys.size());
        for (String key : keys) {
            if (!content.isEmpty()) {
                content.append('&');
            }
            content.append(key).append('=').append(params.get(key));
        }
        return content.toString();
    }

    /**
     * Signs {@code fields} as Alipay signs what it sends merchants (notifications, return
     * parameters): RSA2 over every field but {@code sign} and {@code sign_type}, then adds both,
     * which is what {@code AlipaySignature.rsaCheckV1} verifies.
     */
    public static void signForMerchant(Map<String, String> fields, PrivateKey key) {
        fields.put("sign", sign(signContent(fields, notificationExcluded), key, SignType.RSA2));
        fields.put(SignType.parameter, SignType.RSA2.wire());
    }

    /** Signs the UTF-8 bytes of {@code content}; standard Base64. */
    public static String sign(String content, PrivateKey key, SignType type) {
        return sign(content, StandardCharsets.UTF_8, key, type);
    }

    /**
     * Signs {@code content} encoded in {@code charset}: the SDK checks a reply's signature over the
     * bytes of the request's {@code charset}, so a GBK client needs GBK bytes signed.
     */
    public static String sign(String content, Charset charset, PrivateKey key, SignType type) {
        Signature s = signature(type, true);
        try {
            s.initSign(key);
            s.update(content.getBytes(charset));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the key cannot sign with " + type.jcaAlgorithm(), e);
        } catch (SignatureException e) {
            throw new IllegalStateException("an initialised " + type.jcaAlgorithm() + " failed to sign", e);
        }
    }

    /** Whether {@code signatureBase64} signs the UTF-8 bytes of {@code content}; never throws on bad input. */
    public static boolean verify(String content, String signatureBase64, PublicKey key, SignType type) {
        return verify(content, StandardCharsets.UTF_8, signatureBase64, key, type);
    }

    /** Whether {@code signatureBase64} signs {@code content} encoded in {@code charset}; never throws on bad input. */
    public static boolean verify(String content, Charset charset, String signatureBase64, PublicKey key, SignType type) {
        if (signatureBase64 == null || signatureBase64.isEmpty()) {
            return false;
        }
        byte[] signature;
        try {
            // The MIME decoder skips line breaks and stray characters; some clients wrap long Base64.
            signature = Base64.getMimeDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Signature s = signature(type, false);
        try {
            s.initVerify(key);
            s.update(content.getBytes(charset));
            return s.verify(signature);
        } catch (InvalidKeyException e) {
            return false;
        } catch (SignatureException e) {
            // A signature of the wrong length or structure is simply not a valid signature.
            return false;
        }
    }

    /** The SDK's {@code StringUtils.isEmpty}: null or only whitespace; such values are neither sent nor signed. */
    static boolean isEmpty(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isWhitespace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Signature signature(SignType type, boolean signing) {
        Signature[] mine = signatures.get();
        int slot = 2 * type.ordinal() + (signing ? 1 : 0);
        Signature s = mine[slot];
        if (s == null) {
            s = RsaProvider.newSignature(type);
            mine[slot] = s;
        }
        return s;
    }
}
