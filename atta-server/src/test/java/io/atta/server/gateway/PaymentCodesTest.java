package io.atta.server.gateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Payment codes name their buyer until they expire, and cannot be made without the platform's key. */
class PaymentCodesTest {
    private static final long second = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_795_000_000L * second);
    private final PaymentCodes codes = new PaymentCodes(TestKeys.platform.getPrivate(), now::get, 60);

    @Test
    void aCodeNamesItsBuyerUntilItExpires() {
        PaymentCodes.Code code = codes.issue(4_611_686_018_427_387_905L);

        assertThat(code.authCode()).hasSize(PaymentCodes.length).startsWith("28").containsOnlyDigits();
        assertThat(code.expiresAt()).isEqualTo(now.get() + 60 * second);
        assertThat(codes.buyerOf(code.authCode())).isEqualTo(4_611_686_018_427_387_905L);
        now.addAndGet(59 * second);
        assertThat(codes.buyerOf(code.authCode())).isEqualTo(4_611_686_018_427_387_905L);
        now.addAndGet(second);
        assertThat(codes.buyerOf(code.authCode())).as("expired").isZero();
    }

    @Test
    void aChangedDigitOrAnotherPlatformsCodeNamesNobody() {
        String code = codes.issue(42).authCode();
        for (int i = 2; i < code.length(); i++) {
            char c = code.charAt(i);
            String changed = code.substring(0, i) + (char) (c == '9' ? '0' : c + 1) + code.substring(i + 1);
            assertThat(codes.buyerOf(changed)).as("digit " + i + " changed").isZero();
        }
        PaymentCodes elsewhere = new PaymentCodes(TestKeys.stranger.getPrivate(), now::get, 60);
        assertThat(codes.buyerOf(elsewhere.issue(42).authCode())).isZero();
        assertThat(codes.buyerOf(null)).isZero();
        assertThat(codes.buyerOf("28abc")).isZero();
        assertThat(codes.buyerOf(code + "0")).isZero();
    }
}
