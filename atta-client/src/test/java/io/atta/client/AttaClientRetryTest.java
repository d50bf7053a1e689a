package io.atta.client;

import io.atta.client.ScriptedHttpServer.Received;
import io.atta.client.ScriptedHttpServer.Step;
import io.atta.core.Currency;
import io.atta.core.command.Result;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Retries, error mapping and headers against a scripted server on a real socket. */
class AttaClientRetryTest {
    private static final String twoOk = "{\"results\":[{\"id\":\"7\",\"result\":\"ok\"},{\"id\":\"8\",\"result\":\"ok\"}]}";
    private static final String busy = "{\"error\":{\"code\":\"busy\",\"message\":\"queue full\"}}";
    private static final String unavailable = "{\"error\":{\"code\":\"unavailable\",\"message\":\"no leader\"}}";

    private static final List<NewTransfer> twoTransfers = List.of(
            NewTransfer.of(7, 101, 102, 1234, Currency.CNY),
            NewTransfer.of(8, 102, 101, 5, Currency.CNY));

    private static AttaClient client(URI uri, int attempts) {
        return AttaClient.create(ClientOptions.of(uri, "k-secret")
                .withRetry(new RetryPolicy(attempts, 1, 4)).withRequestTimeoutMs(10_000));
    }

    @Test
    void busyAndUnavailableAreRetriedWithTheSameRequest() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer(
                Step.reply(429, busy), Step.reply(503, unavailable), Step.reply(200, twoOk));
             AttaClient client = client(server.uri(), 5)) {
            BatchResults results = client.createTransfers(twoTransfers);

            assertThat(results.allOk()).isTrue();
            assertThat(results.id(0)).isEqualTo(7);
            assertThat(results.id(1)).isEqualTo(8);
            List<Received> got = server.received();
            assertThat(got).hasSize(3);
            assertThat(got).extracting(Received::body).containsOnly(got.get(0).body());
            assertThat(got.get(0).body()).isEqualTo("{\"transfers\":["
                    + "{\"id\":\"7\",\"debit_account_id\":\"101\",\"credit_account_id\":\"102\",\"amount\":\"12.34\",\"currency\":\"CNY\"},"
                    + "{\"id\":\"8\",\"debit_account_id\":\"102\",\"credit_account_id\":\"101\",\"amount\":\"0.05\",\"currency\":\"CNY\"}]}");
            assertThat(got.get(0).authorization()).isEqualTo("Bearer k-secret");
            assertThat(got.get(0).target()).isEqualTo("/v1/transfers");
        }
    }

    @Test
    void retriesAreBoundedAndTheLastRefusalIsReported() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer(Step.reply(429, busy));
             AttaClient client = client(server.uri(), 3)) {
            AttaApiException e = catchThrowableOfType(() -> client.createTransfers(twoTransfers),
                    AttaApiException.class);

            assertThat(e.status()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("busy");
            assertThat(e.serverMessage()).isEqualTo("queue full");
            assertThat(server.received()).hasSize(3);
        }
    }

    @Test
    void aLostReplyIsRetriedForRequestsThatCarryTheirIds() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer(Step.drop(), Step.reply(200, twoOk));
             AttaClient client = client(server.uri(), 3)) {
            BatchResults results = client.createTransfers(twoTransfers);

            assertThat(results.count(Result.ok)).isEqualTo(2);
            List<Received> got = server.received();
            assertThat(got).hasSize(2);
            assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
        }
    }

    @Test
    void aLostReplyIsNotRetriedWhenTheServerDrawsTheId() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer(Step.drop(),
                Step.reply(201, "{\"user_id\":\"5\",\"token\":\"t\",\"wallet_account_id\":\"6\"}"));
             AttaClient client = client(server.uri(), 3)) {
            AttaConnectionException e = catchThrowableOfType(() -> client.createUser(Currency.CNY),
                    AttaConnectionException.class);

            assertThat(e.attempts()).isEqualTo(1);
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void refusalsOtherThanBusyAreNotRetriedAndCarryCodeAndField() throws IOException {
        String invalid = "{\"error\":{\"code\":\"invalid_field\",\"message\":\"has more than 2 decimal places\","
                + "\"field\":\"transfers[1].amount\"}}";
        try (ScriptedHttpServer server = new ScriptedHttpServer(Step.reply(400, invalid));
             AttaClient client = client(server.uri(), 5)) {
            AttaApiException e = catchThrowableOfType(() -> client.createTransfers(twoTransfers),
                    AttaApiException.class);

            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_field");
            assertThat(e.field()).isEqualTo("transfers[1].amount");
            assertThat(e.serverMessage()).isEqualTo("has more than 2 decimal places");
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (AttaClient client = client(URI.create("http://127.0.0.1:" + port), 3)) {
            AttaConnectionException e = catchThrowableOfType(() -> client.getAccount(42),
                    AttaConnectionException.class);

            assertThat(e.attempts()).isEqualTo(3);
        }
    }

    @Test
    void anUnhealthyNodeAnswersRatherThanFails() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer(
                Step.reply(503, "{\"status\":\"unavailable\",\"shards\":4}"));
             AttaClient client = client(server.uri(), 5)) {
            Health h = client.health();

            assertThat(h.isOk()).isFalse();
            assertThat(h.shards()).isEqualTo(4);
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aSingleItemRefusalIsAnErrorWithTheResultAsItsCode() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer(Step.reply(409,
                "{\"error\":{\"code\":\"insufficient_funds\",\"message\":\"wallet too low\"}}"));
             AttaClient client = client(server.uri(), 5)) {
            AttaApiException e = catchThrowableOfType(() -> client.withdraw(5, 100, Currency.CNY, "r-1"),
                    AttaApiException.class);

            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("insufficient_funds");
            assertThat(server.received().get(0).body())
                    .isEqualTo("{\"amount\":\"1.00\",\"currency\":\"CNY\",\"request_id\":\"r-1\"}");
            assertThat(server.received().get(0).target()).isEqualTo("/v1/users/5/withdraw");
        }
    }

    @Test
    void aBadKeyIsAnErrorReplyNotAnAuthenticationChallenge() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer(Step.reply(401,
                "{\"error\":{\"code\":\"unauthorized\",\"message\":\"unknown key\"}}"));
             AttaClient client = client(server.uri(), 5)) {
            AttaApiException e = catchThrowableOfType(() -> client.getUser(5), AttaApiException.class);

            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("unauthorized");
            assertThat(server.received()).hasSize(1);
        }
    }
}
