package io.atta.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.nextId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators do and see on a durable two-shard node: adjustments with a reason on record
 * and in the audit log, accounts only they may make unlimited, reopening, idempotent creation
 * of users and merchants, and the listings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorApiTest {
    private ApiFixture f;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = ApiFixture.onAttaNode(dir, 2);
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void anAdjustmentKeepsItsKeyAndReasonAndIsAudited() {
        Logger audit = (Logger) LoggerFactory.getLogger("atta.audit");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        audit.addAppender(seen);
        try {
            NewUser u = f.createUser("CNY");
            JsonNode ops = f.api.post("/v1/keys", adminKey, "{\"role\":\"admin\",\"label\":\"ops\"}").body();
            String body = "{\"amount\":\"25.00\",\"currency\":\"CNY\",\"request_id\":\"a-1\","
                    + "\"reason\":\"refund of bank fee, ticket 42\"}";
            Reply topUp = f.api.post("/v1/users/" + u.id() + "/topup", ops.get("key").asText(), body);
            assertThat(topUp.status()).as(topUp.toString()).isEqualTo(200);
            assertThat(topUp.body().get("result").asText()).isEqualTo("ok");
            Reply again = f.api.post("/v1/users/" + u.id() + "/topup", ops.get("key").asText(), body);
            assertThat(again.body().get("result").asText()).isEqualTo("exists");
            assertThat(again.body().get("transfer_id").asText()).isEqualTo(topUp.body().get("transfer_id").asText());
            assertThat(f.balance(u.wallet())).isEqualTo("25.00");

            String transferId = topUp.body().get("transfer_id").asText();
            JsonNode t = f.api.get("/v1/transfers/" + transferId, u.token()).body();
            assertThat(t.at("/adjustment/acting_key_id").asText()).isEqualTo(ops.get("key_id").asText());
            assertThat(t.at("/adjustment/reason").asText()).isEqualTo("refund of bank fee, ticket 42");

            Reply out = f.api.post("/v1/users/" + u.id() + "/withdraw", adminKey,
                    "{\"amount\":\"5.00\",\"currency\":\"CNY\",\"request_id\":\"w-1\"}");
            assertThat(out.status()).as(out.toString()).isEqualTo(200);
            assertThat(f.api.get("/v1/transfers/" + out.body().get("transfer_id").asText(), adminKey).body()
                    .at("/adjustment").toString()).contains("\"acting_key_id\":\"0\"").contains("admin withdrawal");
            assertThat(f.balance(u.wallet())).isEqualTo("20.00");

            List<String> lines = new ArrayList<>();
            seen.list.forEach(e -> lines.add(e.getFormattedMessage()));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("key_id=" + ops.get("key_id").asText())
                    .contains("user_id=" + u.id()).contains("transfer_id=" + transferId).contains("ticket 42")
                    .contains("amount=2500"));
            assertThat(String.join("\n", lines)).doesNotContain(ops.get("key").asText()).doesNotContain(adminKey);
        } finally {
            audit.detachAppender(seen);
        }
    }

    @Test
    void accountsOfNonAdminKeysAreBalanceLimitedAndOnlyTheAdminReopens() {
        NewUser u = f.createFundedUser("10.00");
        String body = "{\"accounts\":[{\"user_id\":\"" + u.id() + "\",\"currency\":\"CNY\"}]}";
        Reply made = f.api.post("/v1/accounts", u.token(), body);
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        String id = made.body().at("/results/0/id").asText();
        assertThat(f.account(id).get("flags").toString()).contains("debits_must_not_exceed_credits");
        Reply unlimited = f.api.post("/v1/accounts", u.token(), "{\"accounts\":[{\"user_id\":\"" + u.id()
                + "\",\"currency\":\"CNY\",\"flags\":[\"credits_must_not_exceed_debits\"]}]}");
        assertThat(unlimited.status()).isEqualTo(400);
        assertThat(unlimited.errorField()).isEqualTo("accounts[0].flags");
        // A balance-limited account cannot pay out what it never received.
        Reply overdraw = f.api.post("/v1/transfers", u.token(), ApiFixture.batch(ApiFixture.transfer(
                io.atta.core.Ids.compose(io.atta.core.Ids.slotOf(Long.parseLong(id)),
                        io.atta.core.Ids.firstUserLocalId + nextId()), id, u.wallet(), "1.00", null)));
        assertThat(overdraw.body().at("/results/0/result").asText()).isEqualTo("insufficient_funds");

        assertThat(f.api.post("/v1/accounts/" + id + "/close", u.token(), "").status()).isEqualTo(200);
        assertThat(f.api.post("/v1/accounts/" + id + "/reopen", u.token(), "").status()).isEqualTo(403);
        Reply reopened = f.api.post("/v1/accounts/" + id + "/reopen", adminKey, "");
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        assertThat(f.account(id).get("flags").toString()).doesNotContain("closed");
        assertThat(f.api.post("/v1/accounts/" + id + "/reopen", adminKey, "").errorCode())
                .isEqualTo("account_not_closed");
    }

    @Test
    void aRepeatedRequestIdAnswersTheSameUserOrMerchantWithoutItsSecrets() {
        String rid = "onboard-" + nextId();
        Reply first = f.api.post("/v1/users", adminKey, "{\"request_id\":\"" + rid + "\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Reply repeat = f.api.post("/v1/users", adminKey, "{\"request_id\":\"" + rid + "\"}");
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.body().get("user_id").asText()).isEqualTo(first.body().get("user_id").asText());
        assertThat(repeat.body().get("wallet_account_id").asText())
                .isEqualTo(first.body().get("wallet_account_id").asText());
        assertThat(repeat.body().get("token").isNull()).isTrue();
        assertThat(repeat.body().get("token_note").asText()).contains("shown only");
        assertThat(repeat.body().get("created").asBoolean()).isFalse();
        Reply otherCurrency = f.api.post("/v1/users", adminKey, "{\"request_id\":\"" + rid + "\",\"currency\":\"USD\"}");
        assertThat(otherCurrency.status()).isEqualTo(409);
        assertThat(otherCurrency.errorField()).isEqualTo("request_id");
        // The first token still works: the repeat changed nothing.
        assertThat(f.api.get("/v1/users/" + first.body().get("user_id").asText(),
                first.body().get("token").asText()).status()).isEqualTo(200);

        String mrid = "shop-" + nextId();
        String merchant = "{\"name\":\"Tea House\",\"request_id\":\"" + mrid + "\"}";
        Reply m1 = f.api.post("/v1/merchants", adminKey, merchant);
        assertThat(m1.status()).as(m1.toString()).isEqualTo(201);
        Reply m2 = f.api.post("/v1/merchants", adminKey, merchant);
        assertThat(m2.status()).as(m2.toString()).isEqualTo(200);
        assertThat(m2.body().get("merchant_id").asText()).isEqualTo(m1.body().get("merchant_id").asText());
        assertThat(m2.body().get("settlement_account_id").asText())
                .isEqualTo(m1.body().get("settlement_account_id").asText());
        assertThat(m2.body().get("api_key").isNull()).isTrue();
        assertThat(m2.body().get("webhook_secret").isNull()).isTrue();
        Reply renamed = f.api.post("/v1/merchants", adminKey, "{\"name\":\"Other\",\"request_id\":\"" + mrid + "\"}");
        assertThat(renamed.status()).isEqualTo(409);
    }

    @Test
    void usersTheirAccountsAndMerchantsAreListedInPages() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(f.createUser("CNY").id());
        }
        String merchant = new TradeCalls(f).merchant("Listed Shop").id();
        List<String> listed = new ArrayList<>();
        String after = null;
        do {
            Reply page = f.api.get("/v1/users?limit=3" + (after == null ? "" : "&after=" + after), adminKey);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.body().get("users").size()).isLessThanOrEqualTo(3);
            page.body().get("users").forEach(u -> listed.add(u.get("user_id").asText()));
            after = page.body().get("next_after").isNull() ? null : page.body().get("next_after").asText();
        } while (after != null);
        assertThat(listed).containsAll(users).contains(merchant).doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        Reply future = f.api.get("/v1/users?created_from=2200-01-01T00:00:00Z", adminKey);
        assertThat(future.body().get("users")).isEmpty();

        Reply merchants = f.api.get("/v1/merchants?limit=1000", adminKey);
        List<String> merchantIds = new ArrayList<>();
        merchants.body().get("merchants").forEach(m -> merchantIds.add(m.get("merchant_id").asText()));
        assertThat(merchantIds).contains(merchant).doesNotContainAnyElementsOf(users);

        NewUser owner = f.createUser("CNY");
        String extra = f.createAccount(owner, "CNY", null);
        Reply accounts = f.api.get("/v1/users/" + owner.id() + "/accounts", owner.token());
        List<String> ids = new ArrayList<>();
        accounts.body().get("accounts").forEach(a -> ids.add(a.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(owner.wallet(), extra);
        assertThat(f.api.get("/v1/users/" + owner.id() + "/accounts", f.createUser("CNY").token()).status())
                .isEqualTo(403);
        assertThat(f.api.get("/v1/users", owner.token()).status()).isEqualTo(403);
    }
}
