package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.cluster.ServiceException;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.util.TreeSet;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.batch;
import static io.atta.server.ApiFixture.idFor;
import static io.atta.server.ApiFixture.nextId;
import static io.atta.server.ApiFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

/** Health, metrics, the OpenAPI document, and how an unavailable ledger is answered. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest {
    private ApiFixture f;
    private InMemoryLedgerService ledger;

    @BeforeAll
    void start() {
        f = ApiFixture.inMemory(2);
        ledger = (InMemoryLedgerService) f.service;
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    @Test
    void healthSaysWhetherEveryShardHasALeader() {
        Reply ok = f.api.get("/health", null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("status").asText()).isEqualTo("ok");
        assertThat(ok.body().get("shards").asInt()).isEqualTo(2);
        f.healthy.set(false);
        try {
            Reply down = f.api.get("/health", null);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body().get("status").asText()).isEqualTo("unavailable");
        } finally {
            f.healthy.set(true);
        }
    }

    @Test
    void metricsCountRequestsByRouteAndStatusAndTransfersByResult() {
        NewUser a = f.createFundedUser("10.00");
        NewUser b = f.createUserNear(a, "CNY");
        assertThat(f.api.post("/v1/transfers", adminKey, batch(
                transfer(nextId(), a.wallet(), b.wallet(), "1.00", null),
                transfer(nextId(), a.wallet(), b.wallet(), "1.00", null),
                transfer(nextId(), a.wallet(), b.wallet(), "99.00", null))).status()).isEqualTo(200);
        f.api.get("/v1/accounts/" + a.wallet(), "bad-key");
        f.api.get("/no/such/route", null);

        Reply metrics = f.api.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        String text = metrics.text();
        assertThat(text).containsPattern(
                "atta_http_requests_seconds_count\\{method=\"POST\",route=\"/v1/transfers\",status=\"200\"} [1-9]");
        assertThat(text).containsPattern(
                "atta_http_requests_seconds_count\\{method=\"GET\",route=\"/v1/accounts/\\{id}\",status=\"401\"} [1-9]");
        assertThat(text).containsPattern(
                "atta_http_requests_seconds_count\\{method=\"GET\",route=\"unmatched\",status=\"404\"} [1-9]");
        assertThat(text).containsPattern("atta_http_requests_seconds_sum\\{method=\"POST\",route=\"/v1/transfers\"");
        assertThat(text).containsPattern("atta_transfers_total\\{result=\"ok\"} [2-9]");
        assertThat(text).containsPattern("atta_transfers_total\\{result=\"insufficient_funds\"} [1-9]");
    }

    @Test
    void aBusyShardIs429AndALeaderlessOne503AndNothingChanges() {
        NewUser a = f.createFundedUser("10.00");
        NewUser b = f.createUserNear(a, "CNY");
        long id = idFor(a.wallet(), nextId());
        String body = batch(transfer(id, a.wallet(), b.wallet(), "1.00", null));
        String topUp = "{\"amount\":\"1\",\"currency\":\"CNY\",\"request_id\":\"busy-" + id + "\"}";
        ledger.refuseSubmissions(ServiceException.Reason.busy);
        try {
            Reply busy = f.api.post("/v1/transfers", adminKey, body);
            assertThat(busy.status()).isEqualTo(429);
            assertThat(busy.errorCode()).isEqualTo("busy");
            assertThat(f.api.post("/v1/users/" + a.id() + "/topup", adminKey, topUp).status()).isEqualTo(429);
            ledger.refuseSubmissions(ServiceException.Reason.notLeader);
            Reply noLeader = f.api.post("/v1/transfers", adminKey, body);
            assertThat(noLeader.status()).isEqualTo(503);
            assertThat(noLeader.errorCode()).isEqualTo("unavailable");
            ledger.refuseSubmissions(ServiceException.Reason.stopped);
            assertThat(f.api.post("/v1/users", adminKey, "{}").errorCode()).isEqualTo("unavailable");
        } finally {
            ledger.refuseSubmissions(null);
        }
        assertThat(f.balance(a.wallet())).isEqualTo("10.00");
        assertThat(f.api.get("/v1/transfers/" + id, adminKey).status()).isEqualTo(404);
        Reply retried = f.api.post("/v1/transfers", adminKey, body);
        assertThat(retried.body().at("/results/0/result").asText()).isEqualTo("ok");
        assertThat(f.balance(a.wallet())).isEqualTo("9.00");
    }

    @Test
    void openApiDescribesExactlyTheRoutesServed() throws Exception {
        JsonNode served = f.api.get("/openapi.json", null).body();
        JsonNode resource;
        try (InputStream in = AttaServer.class.getResourceAsStream(AttaServer.openApiResource)) {
            resource = HttpApi.json.readTree(in);
        }
        assertThat(served).isEqualTo(resource);
        assertThat(served.get("openapi").asText()).startsWith("3.");

        // The test clock's routes exist only with --test-clock (TestClockApiTest checks them with it).
        assertThat(new TreeSet<>(f.server.routes())).isEqualTo(OpenApiRoutes.documented(served, false));
    }

    @Test
    void operationalRoutesNeedNoKey() {
        assertThat(f.api.get("/health", null).status()).isEqualTo(200);
        assertThat(f.api.get("/metrics", null).status()).isEqualTo(200);
        assertThat(f.api.get("/openapi.json", null).status()).isEqualTo(200);
    }
}
