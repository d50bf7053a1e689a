package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/admin/invariants}: the cluster-wide consistency report, for the admin only. */
class AdminInvariantsTest {
    @TempDir
    Path dir;

    @Test
    void afterTransfersAcrossShardsTheReportIsOkAndThePositionsCancelOut() throws Exception {
        try (ApiFixture f = ApiFixture.onAttaNode(dir, 2)) {
            NewUser payer = f.createFundedUser("100.00");
            NewUser payee = f.createUserOnShard(1 - f.service.shardOf(Long.parseLong(payer.id())), "CNY");
            Reply paid = f.api.post("/v1/transfers", payer.token(),
                    ApiFixture.batch(ApiFixture.transfer(ApiFixture.nextId(), payer.wallet(), payee.wallet(), "12.34",
                            null)));
            assertThat(paid.body().at("/results/0/result").asText()).as(paid.toString()).isEqualTo("ok");

            Reply r = f.api.get("/v1/admin/invariants", adminKey);

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode body = r.body();
            assertThat(body.get("ok").asBoolean()).isTrue();
            assertThat(body.get("consistent_cut").asBoolean()).isTrue();
            assertThat(body.get("violations")).isEmpty();
            assertThat(body.get("unfinished")).isEmpty();
            assertThat(body.get("at").asText()).endsWith("Z");
            assertThat(body.get("currencies")).extracting(c -> c.get("currency").asText())
                    .containsExactly("CNY", "USD", "EUR", "HKD", "JPY");
            JsonNode cny = body.get("currencies").get(0);
            assertThat(cny.get("in_transit_position_sum").asText()).isEqualTo("0.00");
            int payerShard = f.service.shardOf(Long.parseLong(payer.id()));
            assertThat(cny.at("/in_transit/" + payerShard + "/position").asText()).isEqualTo("12.34");
            assertThat(cny.at("/in_transit/" + (1 - payerShard) + "/position").asText()).isEqualTo("-12.34");
            assertThat(cny.get("total").get("debits_posted")).isEqualTo(cny.get("total").get("credits_posted"));
            assertThat(cny.get("total").get("debits_posted").asText()).isNotEqualTo("0.00");
            assertThat(cny.get("shards")).hasSize(2).allSatisfy(s ->
                    assertThat(s.get("debits_posted")).isEqualTo(s.get("credits_posted")));
        }
    }

    @Test
    void aUserTokenIsForbiddenAndNoKeyUnauthorized() {
        try (ApiFixture f = ApiFixture.inMemory(2)) {
            NewUser u = f.createUser("CNY");

            Reply asUser = f.api.get("/v1/admin/invariants", u.token());
            assertThat(asUser.status()).as(asUser.toString()).isEqualTo(403);
            assertThat(asUser.errorCode()).isEqualTo("forbidden");
            assertThat(f.api.get("/v1/admin/invariants", null).status()).isEqualTo(401);
            assertThat(f.api.get("/v1/admin/invariants", adminKey).body().get("ok").asBoolean()).isTrue();
        }
    }
}
