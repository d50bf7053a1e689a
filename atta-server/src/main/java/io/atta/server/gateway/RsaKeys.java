package io.atta.server.gateway;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * RSA keys as the Alipay protocol writes them: standard Base64 of the DER encoding, X.509
 * SubjectPublicKeyInfo for public keys and PKCS#8 for private keys, without PEM headers. A
 * PEM-wrapped key and line breaks are tolerated because that is how keys get pasted. Keys
 * shorter than {@link #minKeyBits} are refused: Alipay itself issues only 2048-bit keys.
 */
public final class RsaKeys {
    public static final int minKeyBits = 2048;
    /** Far above any real key (a 16384-bit key is about 2.8 KB of Base64); bounds work on garbage input. */
    public static final int maxKeyTextChars = 16 * 1024;

    private static final Pattern pemArmour = Pattern.compile("-----(BEGIN|END) [A-Z0-9 ]+-----");
    private static final Pattern whitespace = Pattern.compile("\\s+");

    private RsaKeys() {
    }

    /**
     * The public key in {@code text}; throws {@link IllegalArgumentException} saying what is wrong
     * (not Base64, not X.509, not RSA, too short).
     */
    public static PublicKey parsePublicKey(String text) {
        byte[] der = decode(text, "public key");
        PublicKey key;
        try {
            key = rsaFactory().generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the public key is not an RSA key in X.509 SubjectPublicKeyInfo form"
                    + " (Base64 of the DER bytes, as Alipay's key tool writes it)", e);
        }
        checkSize(key, "public key");
        return key;
    }

    /** The private key in {@code text} (Base64 PKCS#8); throws {@link IllegalArgumentException} saying what is wrong. */
    public static PrivateKey parsePrivateKey(String text) {
        byte[] der = decode(text, "private key");
        PrivateKey key;
        try {
            key = rsaFactory().generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the private key is not an RSA key in PKCS#8 form (Base64 of the DER bytes)",
                    e);
        }
        checkSize(key, "private key");
        return key;
    }

    /** Standard Base64 of the key's encoding (X.509 for public keys, PKCS#8 for private ones), on one line. */
    public static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The modulus size in bits. */
    public static int bits(java.security.Key key) {
        if (!(key instanceof RSAKey rsa)) {
            throw new IllegalArgumentException("not an RSA key: " + key.getAlgorithm());
        }
        return rsa.getModulus().bitLength();
    }

    private static byte[] decode(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        if (text.length() > maxKeyTextChars) {
            throw new IllegalArgumentException("the " + what + " is longer than " + maxKeyTextChars + " characters");
        }
        String bare = whitespace.matcher(pemArmour.matcher(text).replaceAll("")).replaceAll("");
        if (bare.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " has PEM headers but no key between them");
        }
        try {
            return Base64.getDecoder().decode(bare);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not standard Base64 (A-Z, a-z, 0-9, + and /,"
                    + " padded with =)", e);
        }
    }

    private static void checkSize(java.security.Key key, String what) {
        int bits = bits(key);
        if (bits < minKeyBits) {
            throw new IllegalArgumentException("the " + what + " has " + bits + " bits; at least " + minKeyBits
                    + " are required (Alipay refuses shorter RSA keys)");
        }
    }

    private static KeyFactory rsaFactory() {
        try {
            return KeyFactory.getInstance("RSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has RSA", e);
        }
    }
}
