package io.atta.server.gateway;

import java.util.Optional;

/** The request's {@code sign_type}: which RSA signature algorithm signs requests and replies. */
public enum SignType {
    /** SHA1withRSA; the SDK's short constructor still defaults to it. */
    RSA("SHA1withRSA"),
    /** SHA256withRSA, what Alipay recommends and the SDK's full constructor is usually given. */
    RSA2("SHA256withRSA");

    public static final String parameter = "sign_type";

    private final String jcaAlgorithm;

    SignType(String jcaAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
    }

    /** The JCA name for {@link java.security.Signature#getInstance(String)}. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /** The wire name as the protocol spells it ({@code RSA}, {@code RSA2}). */
    public String wire() {
        return name();
    }

    /**
     * The sign type for a wire value, exactly as Alipay spells it (case-sensitive, as the SDK sends
     * it); empty for null, empty or unknown values such as {@code SM2} or {@code rsa2}.
     */
    public static Optional<SignType> fromWire(String wire) {
        if ("RSA2".equals(wire)) {
            return Optional.of(RSA2);
        }
        if ("RSA".equals(wire)) {
            return Optional.of(RSA);
        }
        return Optional.empty();
    }
}
