package io.atta.server;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Risk control through the API (docs/RISK.md): an operator puts a rule set; a P2P payment over a
 * limit is denied with its reasons (409, nothing moves), one from a new device is held for review
 * (202, money reserved) and approved or rejected by an operator; the decision shows on the
 * transfer, in the user's decisions and, for a shadow set, in its report.
 */
class RiskApiTest {
    private ApiFixture f;
    private NewUser alice;
    private NewUser bob;

    @BeforeEach
    void start() {
        f = ApiFixture.inMemory(2);
        alice = f.createFundedUser("1000.00");
        bob = f.createFundedUserNear(alice, "1000.00");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static final String rules = """
            {"version": %d, "mode": "%s", "currency": "CNY", "windows_seconds": [60, 3600, 86400],
             "review_hold_seconds": 3600, "rules": [
              {"kind": "amount_limit", "decision": "deny", "reason": "over_kyc_limit", "limits": ["500.00", "5000.00"]},
              {"kind": "device_change", "decision": "review", "reason": "new_device", "min_amount": "100.00"},
              {"kind": "block_device", "decision": "deny", "reason": "stolen_phone", "devices": ["phone-666"]},
              {"kind": "block_ip", "decision": "deny", "reason": "bad_network", "prefixes": ["203.0.113.0/24"]}
             ]}""";

    private Reply put(long version, String mode) {
        return f.api.send("PUT", "/v1/risk/rules", adminKey, rules.formatted(version, mode));
    }

    private Reply pay(String amount, String device) {
        String body = "{\"from_user_id\":\"" + alice.id() + "\",\"to_user_id\":\"" + bob.id() + "\",\"amount\":\""
                + amount + "\",\"currency\":\"CNY\",\"request_id\":\"r-" + ApiFixture.nextId() + "\"}";
        return device == null ? f.api.post("/v1/payments/p2p", alice.token(), body)
                : f.api.post("/v1/payments/p2p", alice.token(), body, "Atta-Device-Id", device);
    }

    @Test
    void aPaymentOverTheLimitIsDeniedWithItsReasonsAndMovesNothing() {
        assertThat(put(1, "enforce").status()).isEqualTo(200);

        Reply denied = pay("500.01", "phone-1");

        assertThat(denied.status()).as(denied.toString()).isEqualTo(409);
        assertThat(denied.body().at("/error/code").asText()).isEqualTo("risk_denied");
        assertThat(denied.body().at("/risk/reasons/0").asText()).isEqualTo("over_kyc_limit");
        assertThat(denied.body().at("/risk/rule_set_version").asLong()).isEqualTo(1);
        assertThat(f.balance(alice.wallet())).isEqualTo("1000.00");
        Reply ok = pay("500.00", "phone-1");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(f.balance(bob.wallet())).isEqualTo("1500.00");

        Reply transfer = f.api.get("/v1/transfers/" + ok.body().get("transfer_id").asText(), alice.token());
        assertThat(transfer.body().at("/risk/decision").asText()).isEqualTo("allow");
        Reply decisions = f.api.get("/v1/risk/decisions", alice.token());
        assertThat(decisions.status()).as(decisions.toString()).isEqualTo(200);
        assertThat(decisions.body().at("/decisions/0/decision").asText()).isEqualTo("allow");
        assertThat(decisions.body().at("/decisions/1/decision").asText()).isEqualTo("deny");
        assertThat(f.api.get("/v1/risk/decisions?user_id=" + alice.id(), bob.token()).status()).isEqualTo(403);
    }

    @Test
    void aKycLevelRaisesTheLimit() {
        assertThat(put(1, "enforce").status()).isEqualTo(200);
        Reply kyc = f.api.send("PUT", "/v1/risk/users/" + alice.id() + "/kyc_level", adminKey, "{\"level\":1}");
        assertThat(kyc.status()).as(kyc.toString()).isEqualTo(200);

        assertThat(pay("600.00", null).status()).isEqualTo(200);
        assertThat(f.api.send("PUT", "/v1/risk/users/" + alice.id() + "/kyc_level", adminKey, "{\"level\":4}")
                .status()).isEqualTo(400);
    }

    @Test
    void aPaymentFromANewDeviceIsHeldForReviewThenApprovedOrRejected() {
        assertThat(put(1, "enforce").status()).isEqualTo(200);
        assertThat(pay("10.00", "phone-1").status()).isEqualTo(200);

        Reply held = pay("200.00", "laptop-2");
        assertThat(held.status()).as(held.toString()).isEqualTo(202);
        assertThat(held.body().get("result").asText()).isEqualTo("risk_review");
        String review = held.body().at("/risk/review/id").asText();
        assertThat(f.account(alice.wallet()).get("debits_pending").asText()).isEqualTo("200.00");
        Reply reviews = f.api.get("/v1/risk/reviews", adminKey);
        assertThat(reviews.body().at("/reviews/0/transfer_id").asText()).isEqualTo(review);

        Reply approved = f.api.post("/v1/risk/reviews/" + review + "/approve", adminKey, "");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.body().at("/review/status").asText()).isEqualTo("approved");
        assertThat(f.balance(bob.wallet())).isEqualTo("1210.00");

        Reply second = pay("300.00", "tablet-3");
        assertThat(second.status()).as(second.toString()).isEqualTo(202);
        String other = second.body().at("/risk/review/id").asText();
        assertThat(f.api.post("/v1/risk/reviews/" + other + "/reject", adminKey, "").status()).isEqualTo(200);
        assertThat(f.balance(alice.wallet())).isEqualTo("790.00");
        assertThat(f.api.post("/v1/risk/reviews/" + other + "/approve", adminKey, "").status()).isEqualTo(409);
        assertThat(f.api.post("/v1/risk/reviews/12345/approve", adminKey, "").status()).isEqualTo(404);
    }

    @Test
    void aReviewOfAPaymentAcrossShardsDeniesItForItCannotBeHeld() {
        assertThat(put(1, "enforce").status()).isEqualTo(200);
        NewUser far = f.fund(f.createUserOnShard(1 - f.service.shardOf(Long.parseLong(alice.id())), "CNY"), "1.00");
        assertThat(pay("10.00", "phone-1").status()).isEqualTo(200);
        String body = "{\"from_user_id\":\"" + alice.id() + "\",\"to_user_id\":\"" + far.id()
                + "\",\"amount\":\"200.00\",\"currency\":\"CNY\",\"request_id\":\"far-1\"}";

        Reply r = f.api.post("/v1/payments/p2p", alice.token(), body, "Atta-Device-Id", "laptop-2");

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.body().at("/risk/reasons").toString()).isEqualTo("[\"new_device\",\"review_not_possible\"]");
        assertThat(f.balance(far.wallet())).isEqualTo("1.00");
    }

    @Test
    void blockedDevicesAndNetworksAreDenied() {
        assertThat(put(1, "enforce").status()).isEqualTo(200);

        Reply r = pay("1.00", "phone-666");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().at("/risk/reasons/0").asText()).isEqualTo("stolen_phone");
        assertThat(f.api.send("PUT", "/v1/payments/p2p", alice.token(), "").status()).isEqualTo(405);
    }

    @Test
    void aShadowSetIsReportedNotEnforced() {
        assertThat(f.api.send("PUT", "/v1/risk/rules", adminKey, """
                {"version": 1, "windows_seconds": [60], "rules": []}""").status()).isEqualTo(200);
        assertThat(put(2, "shadow").status()).isEqualTo(200);

        assertThat(pay("600.00", null).status()).isEqualTo(200);
        assertThat(pay("6.00", null).status()).isEqualTo(200);

        Reply report = f.api.get("/v1/risk/shadow", adminKey);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.body().get("shadow_version").asLong()).isEqualTo(2);
        assertThat(report.body().get("movements").asLong()).isEqualTo(2);
        assertThat(report.body().get("changed").asLong()).isEqualTo(1);
        Reply sets = f.api.get("/v1/risk/rules", adminKey);
        assertThat(sets.body().at("/shadow/rules/3/prefixes/0").asText()).isEqualTo("203.0.113.0/24");
        assertThat(sets.body().at("/enforced/version").asLong()).isEqualTo(1);
    }

    @Test
    void aBadRuleSetIsRefusedNamingTheFieldAndAnOldVersionIsRefused() {
        Reply bad = f.api.send("PUT", "/v1/risk/rules", adminKey, """
                {"version": 1, "windows_seconds": [60], "rules": [
                 {"kind": "velocity", "decision": "deny", "reason": "busy", "window_seconds": 61, "max_count": 3}]}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().at("/error/field").asText()).isEqualTo("rules[0].window_seconds");
        assertThat(put(5, "enforce").status()).isEqualTo(200);
        assertThat(put(5, "enforce").status()).as("a retry").isEqualTo(200);
        Reply old = put(4, "enforce");
        assertThat(old.status()).isEqualTo(409);
        assertThat(old.body().at("/error/code").asText()).isEqualTo("rule_set_version_not_newer");
    }
}
