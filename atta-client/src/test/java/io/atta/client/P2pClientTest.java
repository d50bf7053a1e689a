package io.atta.client;

import io.atta.client.ScriptedHttpServer.Received;
import io.atta.client.ScriptedHttpServer.Step;
import io.atta.core.Currency;
import io.atta.core.command.Result;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's P2P payment calls against a scripted server: what they send, retry and read. */
class P2pClientTest {
    private static final String paid = "{\"request_id\":\"r-1\",\"transfer_id\":\"99\",\"from_user_id\":\"5\","
            + "\"to_user_id\":\"6\",\"amount\":\"12.34\",\"currency\":\"CNY\",\"result\":\"ok\",\"cross_shard\":true}";

    private static AttaClient client(ScriptedHttpServer server) {
        return AttaClient.create(ClientOptions.of(server.uri(), "k")
                .withRetry(new RetryPolicy(5, 1, 4)).withRequestTimeoutMs(10_000));
    }

    @Test
    void aPaymentIsRetriedWithTheSameBytesAfterALostReplyOrABusyShard() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer(Step.drop(),
                Step.reply(429, "{\"error\":{\"code\":\"busy\",\"message\":\"full\"}}"), Step.reply(200, paid));
             AttaClient client = client(server)) {
            P2pPayment p = client.p2p(5, 6, 1234, Currency.CNY, "r-1");

            assertThat(p).isEqualTo(new P2pPayment("r-1", 99, 5, 6, 1234, Currency.CNY, Result.ok, true));
            List<Received> got = server.received();
            assertThat(got).hasSize(3);
            assertThat(got).extracting(Received::body).containsOnly(got.get(0).body());
            assertThat(got.get(0).target()).isEqualTo("/v1/payments/p2p");
            assertThat(got.get(0).body()).isEqualTo("{\"from_user_id\":\"5\",\"to_user_id\":\"6\",\"amount\":\"12.34\","
                    + "\"currency\":\"CNY\",\"request_id\":\"r-1\"}");
        }
    }

    @Test
    void theOutcomeIsReadWithItsReasonAndTheRefusalIsAnError() throws IOException {
        String failed = "{\"request_id\":\"r:2\",\"transfer_id\":\"98\",\"from_user_id\":\"5\",\"to_user_id\":\"6\","
                + "\"amount\":\"4.00\",\"currency\":\"CNY\",\"status\":\"failed\",\"reason\":\"currency_mismatch\","
                + "\"created_at\":\"2026-11-21T08:00:00Z\"}";
        try (ScriptedHttpServer server = new ScriptedHttpServer(Step.reply(200, failed),
                Step.reply(409, "{\"error\":{\"code\":\"insufficient_funds\",\"message\":\"low\"}}"));
             AttaClient client = client(server)) {
            P2pPaymentStatus s = client.getP2p(5, "r:2");

            assertThat(s).isEqualTo(new P2pPaymentStatus("r:2", 98, 5, 6, 400, Currency.CNY,
                    P2pPaymentStatus.State.failed, Result.currency_mismatch, Instant.parse("2026-11-21T08:00:00Z")));
            assertThat(server.received().get(0).target()).isEqualTo("/v1/payments/p2p/r:2?from_user_id=5");
            assertThatThrownBy(() -> client.p2p(5, 6, 1, Currency.CNY, "r-3"))
                    .isInstanceOfSatisfying(AttaApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.code()).isEqualTo("insufficient_funds");
                    });
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void requestIdsThatCannotBeSentAreRefusedBeforeSending() {
        try (AttaClient client = AttaClient.create(java.net.URI.create("http://127.0.0.1:9"), "k")) {
            assertThatThrownBy(() -> client.getP2pAsync(5, "a/b")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxRequestIdLength");
            assertThatThrownBy(() -> client.p2pAsync(5, 6, 1, Currency.CNY, "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.p2pAsync(5, 6, 0, Currency.CNY, "r")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
