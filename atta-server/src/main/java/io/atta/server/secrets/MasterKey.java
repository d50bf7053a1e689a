package io.atta.server.secrets;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A node's master key, which seals the secrets Atta keeps in replicated state (merchants' webhook
 * secrets) so that the raft log, snapshots and backups of them hold no secret a reader could use.
 * Sealed text is {@code v1:<base64url(nonce ‖ AES-256-GCM ciphertext and tag)>}: a random 96-bit
 * nonce per seal, the version first so another scheme can follow.
 *
 * <p>Every node of a cluster needs the same key ({@link MasterKeyFile}): a secret sealed by the
 * node that took the request is opened by whichever node leads its shard when it is used.
 */
public final class MasterKey {
    public static final int keyBytes = 32;
    public static final String sealedPrefix = "v1:";
    static final int nonceBytes = 12;
    static final int tagBits = 128;
    static final String cipher = "AES/GCM/NoPadding";
    /** Bound into every tag: a sealed webhook secret opens only as one. */
    private static final byte[] purpose = "atta webhook secret v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    MasterKey(byte[] bytes) {
        if (bytes.length != keyBytes) {
            throw new IllegalArgumentException("a master key is " + keyBytes + " bytes, got " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /**
     * A key of this process only, the same for every server in it: for servers without a data
     * directory (tests), whose state cannot outlive the process anyway.
     */
    public static MasterKey ephemeral() {
        return Ephemeral.key;
    }

    private static final class Ephemeral {
        static final MasterKey key = random();
    }

    static MasterKey random() {
        byte[] bytes = new byte[keyBytes];
        new SecureRandom().nextBytes(bytes);
        return new MasterKey(bytes);
    }

    /** {@code plaintext} sealed: a different text on every call, each opening to the same secret. */
    public String seal(String plaintext) {
        byte[] nonce = new byte[nonceBytes];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            Cipher c = Cipher.getInstance(cipher);
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(tagBits, nonce));
            c.updateAAD(purpose);
            sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + cipher, e);
        }
        byte[] out = Arrays.copyOf(nonce, nonceBytes + sealed.length);
        System.arraycopy(sealed, 0, out, nonceBytes, sealed.length);
        return sealedPrefix + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** Whether {@code text} is a sealed secret rather than one kept in plaintext before sealing began. */
    public static boolean isSealed(String text) {
        return text.startsWith(sealedPrefix);
    }

    /**
     * The secret {@code sealed} holds. Throws {@link IllegalArgumentException} when it was sealed
     * under another key or is damaged: nothing is guessed.
     */
    public String open(String sealed) {
        if (!isSealed(sealed)) {
            throw new IllegalArgumentException("not a sealed secret (no " + sealedPrefix + " prefix)");
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(sealed.substring(sealedPrefix.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the sealed secret is damaged (not base64url)");
        }
        if (in.length < nonceBytes + tagBits / 8) {
            throw new IllegalArgumentException("the sealed secret is damaged (too short)");
        }
        try {
            Cipher c = Cipher.getInstance(cipher);
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(tagBits, in, 0, nonceBytes));
            c.updateAAD(purpose);
            return new String(c.doFinal(in, nonceBytes, in.length - nonceBytes), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the secret was sealed under another master key, or is damaged"
                    + " (every node needs the same " + MasterKeyFile.fileName + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + cipher, e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[<hidden>]";
    }
}
