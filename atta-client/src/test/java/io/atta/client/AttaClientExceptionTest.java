package io.atta.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttaClientExceptionTest {
    @Test
    void onlyBusyUnavailableAndNoAnswerMayBeSentAgainWithTheSameIds() {
        assertThat(new AttaApiException(503, "unavailable", null, "retry").retryableWithSameIds()).isTrue();
        assertThat(new AttaApiException(500, "internal", null, "x").retryableWithSameIds()).isTrue();
        assertThat(new AttaApiException(429, "busy", null, "retry").retryableWithSameIds()).isTrue();
        assertThat(new AttaApiException(400, "invalid_field", "amount", "x").retryableWithSameIds()).isFalse();
        assertThat(new AttaApiException(409, "insufficient_funds", null, "x").retryableWithSameIds()).isFalse();
        assertThat(new AttaConnectionException("refused", 3, new java.io.IOException("refused"))
                .retryableWithSameIds()).isTrue();
        assertThat(new AttaClientException("unreadable reply").retryableWithSameIds()).isFalse();
    }
}
