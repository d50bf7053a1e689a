package io.atta.server.gateway;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;

/**
 * The JCA provider of the gateway's RSA signatures. Every gateway answer is signed, so RSA signing
 * is the largest cost of a request: the JDK's own provider (SunRsaSign, BigInteger arithmetic)
 * makes about 1,100 RSA-2048 signatures per core-second on the 2-core bench machine, the Amazon
 * Corretto Crypto Provider (AWS-LC, the library AWS keeps for exactly this) about 3,500. So ACCP
 * signs when its native library loads and passes its self-tests; on any other platform, or if it
 * fails, SunRsaSign does. Both make the same bytes: PKCS#1 v1.5 signatures are deterministic, so
 * the choice changes nothing a merchant or the SDK can see (GatewaySignatureTest checks it).
 *
 * <p>ACCP is used only for these signatures and is not installed as a JVM-wide provider, so TLS,
 * key parsing and everything else keep the JDK's implementations.
 */
public final class RsaProvider {
    private static final Logger log = LoggerFactory.getLogger(RsaProvider.class);
    /** The JDK's RSA provider, the fallback. */
    public static final String jdkProviderName = "SunRsaSign";

    private RsaProvider() {
    }

    /** The provider the gateway signs and checks with, chosen once per process. */
    public static Provider provider() {
        return Chosen.provider;
    }

    /** A new {@link Signature} for {@code type} from {@link #provider()}. */
    static Signature newSignature(SignType type) {
        try {
            return Signature.getInstance(type.jcaAlgorithm(), provider());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(provider().getName() + " was checked to have " + type.jcaAlgorithm(), e);
        }
    }

    /** The JDK's own provider, which every Java runtime has. */
    static Provider jdk() {
        Provider p = java.security.Security.getProvider(jdkProviderName);
        if (p == null) {
            throw new IllegalStateException("every Java runtime has " + jdkProviderName);
        }
        return p;
    }

    private static final class Chosen {
        static final Provider provider = choose();

        private static Provider choose() {
            String refusal;
            try {
                AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
                Throwable loading = accp.getLoadingError();
                if (loading == null) {
                    accp.assertHealthy();
                    for (SignType type : SignType.values()) {
                        Signature.getInstance(type.jcaAlgorithm(), accp);
                    }
                    log.info("gateway RSA signatures by {} {} (AWS-LC {})", accp.getName(), accp.getVersionStr(),
                            accp.getAwsLcVersionStr());
                    return accp;
                }
                refusal = loading.toString();
            } catch (RuntimeException | LinkageError | NoSuchAlgorithmException e) {
                refusal = e.toString();
            }
            log.info("gateway RSA signatures by the JDK's {}: the Amazon Corretto Crypto Provider is not available"
                    + " here ({})", jdkProviderName, refusal);
            return jdk();
        }
    }
}
