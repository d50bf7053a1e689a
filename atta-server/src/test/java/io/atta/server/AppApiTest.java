package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.HttpApi.Reply;
import io.atta.server.gateway.PlatformKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/merchants/{id}/apps}: registering an Alipay gateway app, its checks, who may. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppApiTest {
    private static final KeyPair appKeys = generate(2048);
    private ApiFixture f;
    private HttpApi api;
    private String merchantId;
    private String merchantKey;

    @BeforeAll
    void start() {
        f = ApiFixture.inMemory(2);
        api = f.api;
        JsonNode m = api.post("/v1/merchants", adminKey, "{\"name\":\"Tea House\"}").body();
        merchantId = m.get("merchant_id").asText();
        merchantKey = m.get("api_key").asText();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void registersAnAppInTheMerchantsSlotWithThePlatformsKey() {
        String publicKey = Base64.getEncoder().encodeToString(appKeys.getPublic().getEncoded());
        Reply r = api.post("/v1/merchants/" + merchantId + "/apps", merchantKey,
                "{\"public_key\":\"" + publicKey + "\",\"name\":\"POS\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode app = r.body();
        long appId = Long.parseLong(app.get("app_id").asText());
        assertThat(io.atta.core.Ids.slotOf(appId)).isEqualTo(io.atta.core.Ids.slotOf(Long.parseLong(merchantId)));
        assertThat(app.get("merchant_id").asText()).isEqualTo(merchantId);
        assertThat(app.get("app_public_key").asText()).isEqualTo(publicKey);
        assertThat(app.get("alipay_public_key").asText()).isEqualTo(PlatformKeys.ephemeral().publicKeyBase64())
                .isNotEqualTo(publicKey);
        assertThat(app.get("sign_type").asText()).isEqualTo("RSA2");
        assertThat(app.get("gateway_url").asText()).endsWith("/gateway.do");

        JsonNode listed = api.get("/v1/merchants/" + merchantId + "/apps", adminKey).body();
        assertThat(listed.get("apps").findValuesAsText("app_id")).contains(app.get("app_id").asText());
    }

    @Test
    void acceptsAPemKeyAndKeepsItAsOneLineOfBase64() {
        String b64 = Base64.getEncoder().encodeToString(appKeys.getPublic().getEncoded());
        String pem = "-----BEGIN PUBLIC KEY-----\\n" + b64.substring(0, 64) + "\\n" + b64.substring(64)
                + "\\n-----END PUBLIC KEY-----\\n";
        Reply r = api.post("/v1/merchants/" + merchantId + "/apps", adminKey, "{\"public_key\":\"" + pem + "\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.body().get("app_public_key").asText()).isEqualTo(b64);
    }

    @Test
    void refusesKeysThatAreNotRsa2048OrMoreNamingTheField() {
        String small = Base64.getEncoder().encodeToString(generate(1024).getPublic().getEncoded());
        for (String bad : new String[] {small, "not a key", ""}) {
            Reply r = api.post("/v1/merchants/" + merchantId + "/apps", adminKey,
                    "{\"public_key\":\"" + bad + "\"}");
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.body().at("/error/field").asText()).isEqualTo("public_key");
            assertThat(r.body().at("/error/message").asText()).contains("2048");
        }
        assertThat(api.get("/v1/merchants/" + merchantId + "/apps", adminKey).body().get("apps").size())
                .as("refused keys registered nothing").isLessThanOrEqualTo(2);
    }

    @Test
    void onlyTheMerchantOrTheAdminRegistersAndAPlainUserIsNoMerchant() {
        JsonNode user = api.post("/v1/users", adminKey, "{}").body();
        String publicKey = Base64.getEncoder().encodeToString(appKeys.getPublic().getEncoded());

        Reply other = api.post("/v1/merchants/" + merchantId + "/apps", user.get("token").asText(),
                "{\"public_key\":\"" + publicKey + "\"}");
        Reply notMerchant = api.post("/v1/merchants/" + user.get("user_id").asText() + "/apps", adminKey,
                "{\"public_key\":\"" + publicKey + "\"}");

        assertThat(other.status()).as(other.toString()).isEqualTo(403);
        assertThat(notMerchant.status()).as(notMerchant.toString()).isEqualTo(404);
    }

    private static KeyPair generate(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
