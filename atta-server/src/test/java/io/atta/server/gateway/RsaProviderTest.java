package io.atta.server.gateway;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whichever provider signs for the gateway, its signatures are the bytes the JDK's SunRsaSign
 * makes (and so what the SDK checks), on any thread, whatever keys the thread used before.
 */
class RsaProviderTest {
    private static final String content = "app_id=2021000000000001&biz_content={\"out_trade_no\":\"a+b&c=d\","
            + "\"subject\":\"咖啡 ☕ 𝄞\",\"total_amount\":\"12.34\"}&charset=utf-8&method=alipay.trade.pay"
            + "&sign_type=RSA2&timestamp=2024-01-31 13:45:00&version=1.0";

    @Test
    void the_amazon_provider_signs_wherever_it_loads_and_the_jdk_elsewhere() {
        String expected = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null
                ? AmazonCorrettoCryptoProvider.PROVIDER_NAME : RsaProvider.jdkProviderName;

        assertThat(RsaProvider.provider().getName()).isEqualTo(expected);
    }

    @Test
    void signatures_are_the_jdks_bytes_for_both_sign_types_and_charsets() throws Exception {
        for (SignType type : SignType.values()) {
            for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GBK"))) {
                String ours = GatewaySignature.sign(content, charset, TestKeys.platform.getPrivate(), type);

                assertThat(ours).isEqualTo(jdkSign(content, charset, TestKeys.platform.getPrivate(), type));
                assertThat(GatewaySignature.verify(content, charset, ours, TestKeys.platform.getPublic(), type))
                        .isTrue();
                assertThat(GatewaySignature.verify(content + " ", charset, ours, TestKeys.platform.getPublic(), type))
                        .isFalse();
            }
        }
    }

    /**
     * A provider may keep its own form of the last key a Signature was given and drop it when given
     * another: one thread signing and checking with ever-changing keys still gets every answer right.
     */
    @Test
    void one_thread_switching_keys_and_directions_gets_every_answer_right() throws Exception {
        KeyPair[] keys = {TestKeys.app, TestKeys.platform, TestKeys.stranger};
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 200; i++) {
            KeyPair signer = keys[random.nextInt(keys.length)];
            KeyPair checker = keys[random.nextInt(keys.length)];
            SignType type = SignType.values()[random.nextInt(2)];
            String text = content + i;

            String sign = GatewaySignature.sign(text, signer.getPrivate(), type);

            assertThat(sign).isEqualTo(jdkSign(text, StandardCharsets.UTF_8, signer.getPrivate(), type));
            assertThat(GatewaySignature.verify(text, sign, checker.getPublic(), type)).isEqualTo(signer == checker);
        }
    }

    @Test
    void threads_signing_and_checking_at_once_each_get_the_jdks_signature() throws Exception {
        int threads = 4;
        int perThread = 50;
        String[] expected = new String[perThread];
        for (int i = 0; i < perThread; i++) {
            expected[i] = jdkSign(content + i, StandardCharsets.UTF_8, TestKeys.platform.getPrivate(), SignType.RSA2);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    int right = 0;
                    for (int i = 0; i < perThread; i++) {
                        String sign = GatewaySignature.sign(content + i, TestKeys.platform.getPrivate(), SignType.RSA2);
                        boolean checks = GatewaySignature.verify(content + i, sign, TestKeys.platform.getPublic(),
                                SignType.RSA2);
                        if (sign.equals(expected[i]) && checks) {
                            right++;
                        }
                    }
                    return right;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String jdkSign(String text, Charset charset, PrivateKey key, SignType type) throws Exception {
        Signature s = Signature.getInstance(type.jcaAlgorithm(), RsaProvider.jdk());
        s.initSign(key);
        s.update(text.getBytes(charset));
        return Base64.getEncoder().encodeToString(s.sign());
    }
}
