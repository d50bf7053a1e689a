package io.atta.server.gateway;

import io.atta.server.secrets.OwnerOnlyFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * The platform's own RSA key pair, the one that signs gateway replies, notifications and return
 * URLs. It is made once and kept in the data directory, because merchants configure the public
 * key in their SDK: a new key on every start would break every merchant.
 */
public final class PlatformKeys {
    public static final int keyBits = 2048;
    public static final String directoryName = "alipay";
    public static final String privateKeyFileName = "platform-private-key.pk8.b64";
    public static final String publicKeyFileName = "platform-public-key.x509.b64";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String publicKeyBase64;

    private PlatformKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyBase64 = RsaKeys.encode(publicKey);
    }

    /**
     * The key pair under {@code <dataDir>/alipay/}, generated and written there on first use. A
     * damaged or mismatched file stops the start with a message naming it: replacing it silently
     * would change the key every merchant has configured.
     */
    public static PlatformKeys loadOrCreate(Path dataDir) {
        Path dir = dataDir.resolve(directoryName);
        Path privateFile = dir.resolve(privateKeyFileName);
        Path publicFile = dir.resolve(publicKeyFileName);
        try {
            Files.createDirectories(dir);
            PlatformKeys existing = existing(dataDir);
            if (existing != null) {
                if (!Files.exists(publicFile)) {
                    // A crash between the two writes leaves only the private key; the public key follows from it.
                    writeAtomically(publicFile, existing.publicKeyBase64);
                }
                return existing;
            }
            KeyPair pair = generate();
            writeAtomically(privateFile, RsaKeys.encode(pair.getPrivate()));
            writeAtomically(publicFile, RsaKeys.encode(pair.getPublic()));
            return new PlatformKeys(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the platform keys in " + dir, e);
        }
    }

    /**
     * The key pair under {@code <dataDir>/alipay/}, or null when there is none yet; reads only (a
     * missing public key is derived, not written). A damaged or mismatched file fails, naming it,
     * so that a start can be refused before anything else is started.
     */
    public static PlatformKeys existing(Path dataDir) {
        Path dir = dataDir.resolve(directoryName);
        Path privateFile = dir.resolve(privateKeyFileName);
        Path publicFile = dir.resolve(publicKeyFileName);
        try {
            if (!Files.exists(privateFile)) {
                if (Files.exists(publicFile)) {
                    throw new IllegalStateException(publicFile + " exists but its private key " + privateFile
                            + " is missing; restore it from a backup, or delete both files to make a new key pair"
                            + " (merchants then need the new public key)");
                }
                return null;
            }
            PrivateKey privateKey = read(privateFile, true);
            if (!Files.exists(publicFile)) {
                return new PlatformKeys(privateKey, publicOf(privateKey, privateFile));
            }
            PublicKey publicKey = (PublicKey) read(publicFile, false);
            if (!((RSAKey) publicKey).getModulus().equals(((RSAKey) privateKey).getModulus())) {
                throw new IllegalStateException(publicFile + " does not hold the public key of " + privateFile);
            }
            return new PlatformKeys(privateKey, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the platform keys in " + dir, e);
        }
    }

    /**
     * Keys of this process only, made once per process: for a server without a data directory
     * (tests), whose merchants cannot outlive it anyway.
     */
    public static PlatformKeys ephemeral() {
        return Ephemeral.keys;
    }

    private static final class Ephemeral {
        static final PlatformKeys keys = of(generate());

        private static PlatformKeys of(KeyPair pair) {
            return new PlatformKeys(pair.getPrivate(), pair.getPublic());
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as merchants paste it into the SDK's {@code alipayPublicKey}. */
    public String publicKeyBase64() {
        return publicKeyBase64;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(keyBits);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has RSA", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <K> K read(Path file, boolean isPrivate) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return (K) (isPrivate ? RsaKeys.parsePrivateKey(text) : RsaKeys.parsePublicKey(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static PublicKey publicOf(PrivateKey key, Path file) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException(file + " holds an RSA key without its public exponent");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has RSA", e);
        }
    }

    /** Atomically and owner-only, as every key file of the data directory. */
    private static void writeAtomically(Path target, String text) throws IOException {
        OwnerOnlyFile.writeAtomically(target, (text + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
