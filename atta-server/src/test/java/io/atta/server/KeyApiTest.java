package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.TradeCalls.Merchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys on a durable two-shard node with a test clock: who may make which key, what a key may
 * then do, and when it stops working (revoked, rotated with a grace, expired).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyApiTest {
    private ApiFixture f;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = ApiFixture.onTestClockNode(dir, 2, 0);
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private Reply makeKey(String by, String body) {
        return f.api.post("/v1/keys", by, body);
    }

    private JsonNode made(String by, String body) {
        Reply r = makeKey(by, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }

    private int whoAmI(String key, NewUser u) {
        return f.api.get("/v1/users/" + u.id(), key).status();
    }

    private void advance(long seconds) {
        Reply r = f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":" + seconds + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void aUserMakesKeysForItselfOnlyAndTheyActAsIt() {
        NewUser u = f.createUser("CNY");
        NewUser other = f.createUser("CNY");
        JsonNode k = made(u.token(), "{\"role\":\"user\",\"label\":\"phone\"}");
        assertThat(k.get("owner_id").asText()).isEqualTo(u.id());
        assertThat(k.get("status").asText()).isEqualTo("active");
        assertThat(k.get("key").asText()).startsWith("atk_" + k.get("key_id").asText() + "_");
        // Its id is in the owner's slot: it lives on the owner's shard.
        assertThat(Long.parseLong(k.get("key_id").asText()) >>> 53).isEqualTo(Long.parseLong(u.id()) >>> 53);
        assertThat(whoAmI(k.get("key").asText(), u)).isEqualTo(200);
        assertThat(whoAmI(k.get("key").asText(), other)).isEqualTo(403);

        Reply forOther = makeKey(u.token(), "{\"role\":\"user\",\"owner_id\":\"" + other.id() + "\"}");
        assertThat(forOther.status()).isEqualTo(403);
        assertThat(forOther.errorField()).isEqualTo("owner_id");
        Reply admin = makeKey(u.token(), "{\"role\":\"admin\"}");
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.errorField()).isEqualTo("role");

        // Shown: never the secret or a hash.
        Reply read = f.api.get("/v1/keys/" + k.get("key_id").asText(), u.token());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text()).doesNotContain(k.get("key").asText().substring(k.get("key").asText().lastIndexOf('_') + 1));
        assertThat(read.body().has("key")).isFalse();
        assertThat(f.api.get("/v1/keys/" + k.get("key_id").asText(), other.token()).status()).isEqualTo(403);
    }

    @Test
    void theAdminMakesKeysOfEveryRoleAndOwnersAreChecked() {
        Merchant m = new TradeCalls(f).merchant("Tea House");
        NewUser u = f.createUser("CNY");
        JsonNode mk = made(adminKey, "{\"role\":\"merchant\",\"owner_id\":\"" + m.id() + "\"}");
        assertThat(f.api.get("/v1/merchants/" + m.id(), mk.get("key").asText()).status()).isEqualTo(200);
        // A plain user is not a merchant: a merchant key for it names no merchant.
        Reply notMerchant = makeKey(adminKey, "{\"role\":\"merchant\",\"owner_id\":\"" + u.id() + "\"}");
        assertThat(notMerchant.status()).as(notMerchant.toString()).isEqualTo(409);
        assertThat(notMerchant.errorCode()).isEqualTo("key_owner_invalid");
        assertThat(makeKey(adminKey, "{\"role\":\"admin\",\"owner_id\":\"" + u.id() + "\"}").errorField())
                .isEqualTo("owner_id");
        assertThat(makeKey(adminKey, "{\"role\":\"user\"}").errorCode()).isEqualTo("missing_field");
        assertThat(makeKey(adminKey, "{\"role\":\"root\"}").errorField()).isEqualTo("role");

        JsonNode admin = made(adminKey, "{\"role\":\"admin\",\"label\":\"ops\"}");
        assertThat(admin.get("owner_id").isNull()).isTrue();
        assertThat(Long.parseLong(admin.get("key_id").asText()) >>> 53).isZero();
        assertThat(f.api.get("/v1/admin/shards", admin.get("key").asText()).status()).isEqualTo(200);
    }

    @Test
    void aRevokedKeyAnswers401AtOnceAndARevokedOwnTokenToo() {
        NewUser u = f.createUser("CNY");
        JsonNode k = made(adminKey, "{\"role\":\"user\",\"owner_id\":\"" + u.id() + "\"}");
        String text = k.get("key").asText();
        Reply revoked = f.api.post("/v1/keys/" + k.get("key_id").asText() + "/revoke", u.token(), "");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.body().get("status").asText()).isEqualTo("revoked");
        assertThat(whoAmI(text, u)).isEqualTo(401);
        assertThat(f.api.post("/v1/keys/" + k.get("key_id").asText() + "/revoke", adminKey, "").status())
                .isEqualTo(200);

        // The user's own token is the key whose id is the user id.
        assertThat(f.api.post("/v1/keys/" + u.id() + "/revoke", adminKey, "").status()).isEqualTo(200);
        assertThat(whoAmI(u.token(), u)).isEqualTo(401);
    }

    @Test
    void aRotatedKeyKeepsWorkingForItsGraceAndThenStops() {
        NewUser u = f.createUser("CNY");
        Reply rotated = f.api.post("/v1/keys/" + u.id() + "/rotate", u.token(), "{\"grace_seconds\":600}");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
        String next = rotated.body().get("key").asText();
        assertThat(rotated.body().get("rotated_key_id").asText()).isEqualTo(u.id());
        assertThat(rotated.body().get("role").asText()).isEqualTo("user");
        assertThat(whoAmI(u.token(), u)).isEqualTo(200);
        assertThat(whoAmI(next, u)).isEqualTo(200);
        advance(601);
        assertThat(whoAmI(u.token(), u)).isEqualTo(401);
        assertThat(whoAmI(next, u)).isEqualTo(200);

        Reply tooLong = f.api.post("/v1/keys/" + u.id() + "/rotate", next, "{\"grace_seconds\":86401}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorField()).isEqualTo("grace_seconds");
        Reply again = f.api.post("/v1/keys/" + u.id() + "/rotate", next, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("key_revoked");
    }

    @Test
    void aMerchantsRotatedOwnTokenStillActsAsTheMerchant() {
        Merchant m = new TradeCalls(f).merchant("Rotating Shop");
        Reply rotated = f.api.post("/v1/keys/" + m.id() + "/rotate", m.apiKey(), "");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
        assertThat(rotated.body().get("role").asText()).isEqualTo("merchant");
        String next = rotated.body().get("key").asText();
        assertThat(f.api.get("/v1/merchants/" + m.id(), next).status()).isEqualTo(200);
        assertThat(f.api.get("/v1/merchants/" + m.id(), m.apiKey()).status()).isEqualTo(401);
    }

    @Test
    void aKeyPastItsExpiryAnswers401() {
        NewUser u = f.createUser("CNY");
        Instant now = Instant.parse(f.api.get("/v1/test/clock", adminKey).body().get("now").asText());
        Reply past = makeKey(u.token(), "{\"role\":\"user\",\"expires_at\":\"" + now.minusSeconds(1) + "\"}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.errorField()).isEqualTo("expires_at");
        JsonNode k = made(u.token(), "{\"role\":\"user\",\"expires_at\":\"" + now.plusSeconds(30) + "\"}");
        assertThat(whoAmI(k.get("key").asText(), u)).isEqualTo(200);
        advance(31);
        assertThat(whoAmI(k.get("key").asText(), u)).isEqualTo(401);
        assertThat(f.api.get("/v1/keys/" + k.get("key_id").asText(), u.token()).body().get("status").asText())
                .isEqualTo("expired");
    }

    @Test
    void keysAreListedInPagesTheAdminSeesAllOthersTheirOwn() {
        NewUser u = f.createUser("CNY");
        NewUser other = f.createUser("CNY");
        List<String> made = new ArrayList<>(List.of(u.id()));
        for (int i = 0; i < 4; i++) {
            made.add(made(u.token(), "{\"role\":\"user\"}").get("key_id").asText());
        }
        made.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            Reply page = f.api.get("/v1/keys?limit=2" + (after == null ? "" : "&after=" + after), u.token());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.body().get("keys").forEach(k -> seen.add(k.get("key_id").asText()));
            after = page.body().get("next_after").isNull() ? null : page.body().get("next_after").asText();
        } while (after != null);
        assertThat(seen).isEqualTo(made);
        assertThat(f.api.get("/v1/keys?owner_id=" + u.id(), other.token()).status()).isEqualTo(403);
        Reply byAdmin = f.api.get("/v1/keys?owner_id=" + u.id() + "&limit=1000", adminKey);
        assertThat(byAdmin.body().get("keys")).hasSize(made.size());
        assertThat(f.api.get("/v1/keys?limit=0", adminKey).errorField()).isEqualTo("limit");
    }
}
