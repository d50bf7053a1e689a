package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.HttpApi.Reply;
import io.atta.server.outbound.SsrfTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/merchants}: creation, its checks, who may create and read. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MerchantApiTest {
    private ApiFixture f;
    private HttpApi api;

    @BeforeAll
    void start() {
        f = ApiFixture.inMemory(2);
        api = f.api;
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void createsAMerchantWithItsKeysAndSettlementAccount() {
        Reply r = api.post("/v1/merchants", adminKey, "{\"name\":\"Tea House\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode m = r.body();
        String id = m.get("merchant_id").asText();
        assertThat(m.get("api_key").asText()).startsWith("atk_" + id + "_");
        assertThat(m.get("webhook_secret").asText()).matches("whsec_[A-Za-z0-9_-]{43}");
        assertThat(m.get("name").asText()).isEqualTo("Tea House");
        assertThat(m.get("fee_rate").asText()).isEqualTo("0.006");
        assertThat(m.get("webhook_url").isNull()).isTrue();
        assertThat(m.get("currency").asText()).isEqualTo("CNY");
        JsonNode settlement = f.account(m.get("settlement_account_id").asText());
        assertThat(settlement.get("user_id").asText()).isEqualTo(id);
        assertThat(settlement.get("code").asInt()).isEqualTo(2);
        assertThat(settlement.get("flags").toString()).contains("debits_must_not_exceed_credits", "history");
        assertThat(f.account(m.get("wallet_account_id").asText()).get("user_id").asText()).isEqualTo(id);
    }

    @Test
    void takesAFeeRateAWebhookAndACurrency() {
        Reply r = api.post("/v1/merchants", adminKey, "{\"name\":\"Shop\",\"fee_rate\":\"0.0125\","
                + "\"webhook_url\":\"https://shop.example/atta/notify\",\"currency\":\"USD\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.body().get("fee_rate").asText()).isEqualTo("0.0125");
        assertThat(r.body().get("webhook_url").asText()).isEqualTo("https://shop.example/atta/notify");
        assertThat(r.body().get("currency").asText()).isEqualTo("USD");
        assertThat(f.account(r.body().get("settlement_account_id").asText()).get("currency").asText())
                .isEqualTo("USD");
    }

    @Test
    void refusesBadFieldsNamingThemAndTheLimit() {
        expectInvalid("{}", 400, "missing_field", "name", null);
        expectInvalid("{\"name\":\"\"}", 400, "invalid_field", "name", null);
        expectInvalid("{\"name\":\"" + "n".repeat(129) + "\"}", 400, "invalid_field", "name", "maxMerchantNameLength");
        expectInvalid("{\"name\":\"a\",\"fee_rate\":\"0.2\"}", 400, "invalid_field", "fee_rate", "maxFeeRatePpm");
        expectInvalid("{\"name\":\"a\",\"fee_rate\":\"0.0000001\"}", 400, "invalid_field", "fee_rate", null);
        expectInvalid("{\"name\":\"a\",\"fee_rate\":\"-0.01\"}", 400, "invalid_field", "fee_rate", null);
        expectInvalid("{\"name\":\"a\",\"fee_rate\":0.01}", 400, "invalid_field", "fee_rate", null);
        expectInvalid("{\"name\":\"a\",\"webhook_url\":\"ftp://x.example/\"}", 400, "invalid_field", "webhook_url",
                null);
        expectInvalid("{\"name\":\"a\",\"webhook_url\":\"/relative\"}", 400, "invalid_field", "webhook_url", null);
        expectInvalid("{\"name\":\"a\",\"webhook_url\":\"https://x.example/" + "p".repeat(2048) + "\"}", 400,
                "invalid_field", "webhook_url", "maxWebhookUrlLength");
        expectInvalid("{\"name\":\"a\",\"owner\":\"1\"}", 400, "unknown_field", "owner", null);
    }

    /** The SSRF table at registration: each refused with a 400 naming webhook_url and why; public ones taken. */
    @Test
    void webhookUrlsToNonPublicAddressesAreRefusedNamingTheFieldAndWhy() {
        for (String url : SsrfTable.refused()) {
            Reply r = api.post("/v1/merchants", adminKey, "{\"name\":\"a\",\"webhook_url\":" + quoted(url) + "}");
            assertThat(r.status()).as("%s: %s", url, r).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_field");
            assertThat(r.errorField()).isEqualTo("webhook_url");
            assertThat(r.errorMessage()).as(url).startsWith("webhook_url must");
        }
        Reply loopback = api.post("/v1/merchants", adminKey, "{\"name\":\"a\",\"webhook_url\":\"http://127.0.0.1/\"}");
        assertThat(loopback.errorMessage())
                .isEqualTo("webhook_url must be a public address: 127.0.0.1 is loopback (127.0.0.0/8)");
        for (String url : SsrfTable.publicTargets()) {
            Reply r = api.post("/v1/merchants", adminKey, "{\"name\":\"a\",\"webhook_url\":" + quoted(url) + "}");
            assertThat(r.status()).as("%s: %s", url, r).isEqualTo(201);
            assertThat(r.body().get("webhook_url").asText()).isEqualTo(url);
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void expectInvalid(String body, int status, String code, String field, String limit) {
        Reply r = api.post("/v1/merchants", adminKey, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.errorField()).isEqualTo(field);
        if (limit != null) {
            assertThat(r.errorMessage()).contains(limit);
        }
    }

    @Test
    void onlyTheAdminCreatesMerchants() {
        ApiFixture.NewUser user = f.createUser("CNY");
        TradeCalls.Merchant merchant = new TradeCalls(f).merchant("Someone");

        assertThat(api.post("/v1/merchants", user.token(), "{\"name\":\"x\"}").status()).isEqualTo(403);
        assertThat(api.post("/v1/merchants", merchant.apiKey(), "{\"name\":\"x\"}").status()).isEqualTo(403);
        assertThat(api.post("/v1/merchants", null, "{\"name\":\"x\"}").status()).isEqualTo(401);
    }

    @Test
    void theAdminAndTheMerchantItselfReadIt() {
        TradeCalls.Merchant m = new TradeCalls(f).merchant("Readable");
        ApiFixture.NewUser other = f.createUser("CNY");

        for (String key : new String[] {adminKey, m.apiKey()}) {
            Reply r = api.get("/v1/merchants/" + m.id(), key);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.body().get("merchant_id").asText()).isEqualTo(m.id());
            assertThat(r.body().get("settlement_account_id").asText()).isEqualTo(m.settlementAccount());
            assertThat(r.body().get("wallet_account_id").asText()).isEqualTo(m.wallet());
            assertThat(r.body().get("name").asText()).isEqualTo("Readable");
            assertThat(r.body().has("created_at")).isTrue();
            assertThat(r.body().has("api_key")).isFalse();
            assertThat(r.body().has("webhook_secret")).isFalse();
        }
        assertThat(api.get("/v1/merchants/" + m.id(), other.token()).status()).isEqualTo(403);
        assertThat(api.get("/v1/merchants/" + other.id(), adminKey).status()).as("a user, not a merchant")
                .isEqualTo(404);
        assertThat(api.get("/v1/merchants/12345", adminKey).status()).isEqualTo(404);
    }
}
