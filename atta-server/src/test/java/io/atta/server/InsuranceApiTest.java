package io.atta.server;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.TradeCalls.Merchant;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Insurance over HTTP on a durable two-shard node with the test clock (docs/INSURANCE.md):
 * return shipping asked for on a trade and paid on a return, an account-security claim approved
 * and paid, mutual aid shared per shard at the period's end, the insurer's statement for its own
 * key; bad input is a 400 naming the field and its limit, and changes nothing.
 */
class InsuranceApiTest {
    @Test
    void everyKindOfInsurancePaysItsClaimsAndTheInsurerReadsItsStatement(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 0)) {
            NewUser owner = f.createFundedUser("1.00");
            created(f.api.post("/v1/insurers", adminKey, "{\"code\":\"PICC\",\"name\":\"PICC Property\","
                    + "\"currency\":\"CNY\",\"owner_user_id\":\"" + owner.id() + "\"}"));
            JsonNode rs = created(f.api.post("/v1/insurance/products", adminKey, "{\"code\":\"RS\",\"name\":\"Return "
                    + "shipping\",\"insurer\":\"PICC\",\"kind\":\"return_shipping\",\"premium_rate\":\"0.02\","
                    + "\"premium_min\":\"1.00\",\"premium_max\":\"5.00\",\"coverage\":\"8.00\"}"));
            assertThat(rs.get("payer").asText()).isEqualTo("buyer");
            created(f.api.post("/v1/insurance/products", adminKey, "{\"code\":\"SEC\",\"name\":\"Account security\","
                    + "\"insurer\":\"PICC\",\"kind\":\"account_security\",\"premium\":\"3.00\",\"coverage\":\"500.00\"}"));
            JsonNode aid = created(f.api.post("/v1/insurance/products", adminKey, "{\"code\":\"AID\",\"name\":\"Mutual "
                    + "aid\",\"insurer\":\"PICC\",\"kind\":\"mutual_aid\",\"coverage\":\"1000.00\",\"period_days\":1}"));
            assertThat(aid.get("claim_window_hours").asInt()).isEqualTo(72);

            // Return shipping: asked for when the merchant opens the buyer's order, paid with the payment.
            TradeCalls trades = new TradeCalls(f);
            Merchant shop = trades.merchant("Tea House");
            NewUser buyer = f.createFundedUser("100.00");
            Reply noBuyer = f.api.post("/v1/trades", shop.apiKey(), withInsurance(TradeCalls.trade(shop.id(), "o-0",
                    "50.00", null), "return_shipping"));
            assertThat(noBuyer.errorField()).as(noBuyer.toString()).isEqualTo("insurance");
            Reply wrongKind = f.api.post("/v1/trades", shop.apiKey(), withInsurance(TradeCalls.trade(shop.id(), "o-0",
                    "50.00", buyer.id()), "theft"));
            assertThat(wrongKind.errorField()).as(wrongKind.toString()).isEqualTo("insurance");
            Reply order = f.api.post("/v1/trades", shop.apiKey(), withInsurance(TradeCalls.trade(shop.id(), "o-1",
                    "50.00", buyer.id()), "return_shipping"));
            assertThat(order.status()).as(order.toString()).isEqualTo(201);
            String tradeNo = order.body().get("trade_no").asText();
            trades.paid(buyer, tradeNo);
            assertThat(f.balance(buyer.wallet())).as("50.00 held, 1.00 premium").isEqualTo("99.00");
            JsonNode policies = f.api.get("/v1/users/" + buyer.id() + "/policies", buyer.token()).body()
                    .get("policies");
            assertThat(policies).hasSize(1);
            assertThat(policies.get(0).get("trade_no").asText()).isEqualTo(tradeNo);
            assertThat(policies.get(0).get("premium").asText()).isEqualTo("1.00");
            assertThat(trades.act(shop.apiKey(), tradeNo, "ship", "{\"carrier\":\"SF\",\"tracking_no\":\"SF1\"}")
                    .status()).isEqualTo(200);
            Reply asked = trades.act(buyer.token(), tradeNo, "refunds",
                    "{\"out_request_no\":\"rf-1\",\"amount\":\"50.00\",\"reason\":\"does not fit\"}");
            assertThat(asked.status()).as(asked.toString()).isBetween(200, 201);
            String refundId = asked.body().findValue("refund_id").asText();
            Reply agreed = trades.act(shop.apiKey(), tradeNo, "refunds/" + refundId + "/agree", "");
            assertThat(agreed.status()).as(agreed.toString()).isEqualTo(200);
            assertThat(f.balance(buyer.wallet())).as("the hold back and 8.00 for the return").isEqualTo("107.00");
            // Asked for when the buyer pays an order opened without a buyer; not after a payment without it.
            String open = trades.created(shop, "o-2", "10.00", null);
            Reply insuredPay = f.api.post("/v1/trades/" + open + "/pay", buyer.token(),
                    "{\"insurance\":\"return_shipping\"}");
            assertThat(insuredPay.status()).as(insuredPay.toString()).isEqualTo(200);
            assertThat(f.balance(buyer.wallet())).as("the minimum premium, 1.00").isEqualTo("106.00");
            assertThat(f.api.post("/v1/trades/" + open + "/pay", buyer.token(), "{\"insurance\":\"return_shipping\"}")
                    .status()).as("a retry").isEqualTo(200);
            String uninsured = trades.created(shop, "o-3", "10.00", buyer.id());
            trades.paid(buyer, uninsured);
            Reply afterPayment = f.api.post("/v1/trades/" + uninsured + "/pay", buyer.token(),
                    "{\"insurance\":\"return_shipping\"}");
            assertThat(afterPayment.errorCode()).as(afterPayment.toString()).isEqualTo("trade_already_paid");
            assertThat(f.balance(buyer.wallet())).isEqualTo("106.00");

            // Account security: bought, a loss reported within 72 h, approved and paid in full.
            NewUser user = f.createFundedUser("10.00");
            Reply bought = f.api.post("/v1/users/" + user.id() + "/policies", user.token(),
                    "{\"product\":\"SEC\",\"request_id\":\"sec-1\"}");
            assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
            String policy = bought.body().get("policy_id").asText();
            assertThat(f.balance(user.wallet())).isEqualTo("7.00");
            advance(f, 80 * 3600);
            Instant now = now(f);
            Reply late = claim(f, user, policy, "c-0", "20.00", now.minusSeconds(72 * 3600 + 1));
            assertThat(late.errorField()).as(late.toString()).isEqualTo("loss_at");
            assertThat(late.errorMessage()).contains("72 h");
            Reply over = claim(f, user, policy, "c-0", "500.01", now.minusSeconds(3600));
            assertThat(over.errorField()).as(over.toString()).isEqualTo("amount");
            assertThat(over.errorMessage()).contains("500.00");
            Reply reported = claim(f, user, policy, "c-1", "120.00", now.minusSeconds(3600));
            assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
            assertThat(reported.body().get("status").asText()).isEqualTo("reported");
            String claimId = reported.body().get("claim_id").asText();
            assertThat(f.api.post("/v1/claims/" + claimId + "/approve", user.token(), "").status()).isEqualTo(403);
            Reply approved = f.api.post("/v1/claims/" + claimId + "/approve", adminKey, "{\"reason\":\"police report\"}");
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            assertThat(approved.body().get("status").asText()).isEqualTo("paid");
            assertThat(f.balance(user.wallet())).isEqualTo("127.00");
            assertThat(f.api.post("/v1/claims/" + claimId + "/reject", adminKey, "").errorCode())
                    .isEqualTo("claim_already_decided");

            // Mutual aid: two members on shard 0, one on shard 1; a claim on shard 0 is shared there.
            NewUser a = f.fund(f.createUserOnShard(0, "CNY"), "100.00");
            NewUser a2 = f.fund(f.createUserOnShard(0, "CNY"), "100.00");
            NewUser b = f.fund(f.createUserOnShard(1, "CNY"), "100.00");
            String aPolicy = join(f, a);
            join(f, a2);
            join(f, b);
            advance(f, 120);
            Reply aidClaim = claim(f, a, aPolicy, "c-1", "10.01", now(f).minusSeconds(60));
            assertThat(aidClaim.status()).as(aidClaim.toString()).isEqualTo(201);
            Reply aidApproved = f.api.post("/v1/claims/" + aidClaim.body().get("claim_id").asText() + "/approve",
                    adminKey, "");
            assertThat(aidApproved.body().get("status").asText()).isEqualTo("approved");
            advance(f, 86_400);
            // 10.01 over two members: 5.00 each and the extra fen to one (which one turns with the period).
            assertThat(f.balance(a2.wallet())).isIn("95.00", "94.99");
            assertThat(new java.math.BigDecimal(f.balance(a.wallet())).add(new java.math.BigDecimal(
                    f.balance(a2.wallet())))).as("the claim shared exactly").isEqualByComparingTo("200.00");
            assertThat(f.balance(b.wallet())).isEqualTo("100.00");

            // The insurer's key reads its statement; a user's key does not.
            Reply key = f.api.post("/v1/keys", adminKey, "{\"role\":\"insurer\",\"owner_id\":\"" + owner.id() + "\"}");
            assertThat(key.status()).as(key.toString()).isEqualTo(201);
            assertThat(f.api.get("/v1/insurers/PICC/statement", owner.token()).status()).isEqualTo(403);
            Reply statement = f.api.get("/v1/insurers/PICC/statement", key.body().get("key").asText());
            assertThat(statement.status()).as(statement.toString()).isEqualTo(200);
            assertThat(statement.body().get("premium_total").asText()).isEqualTo("5.00");
            assertThat(statement.body().get("claims_paid_total").asText()).isEqualTo("138.01");
            JsonNode aidRow = statement.body().get("products").get(0);
            assertThat(aidRow.get("product").asText()).isEqualTo("AID");
            assertThat(aidRow.get("shares_total").asText()).isEqualTo("10.01");
            assertThat(aidRow.get("active_members").asInt()).isEqualTo(3);
        }
    }

    @Test
    void settlementSweepsPremiumsToTheInsurersWalletAndCollectsTheClaimsFromIt(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 3_600)) {
            NewUser owner = f.createFundedUser("1000.00");
            created(f.api.post("/v1/insurers", adminKey, "{\"code\":\"PICC\",\"name\":\"PICC\",\"currency\":\"CNY\","
                    + "\"owner_user_id\":\"" + owner.id() + "\"}"));
            created(f.api.post("/v1/insurance/products", adminKey, "{\"code\":\"SEC\",\"name\":\"Security\","
                    + "\"insurer\":\"PICC\",\"kind\":\"account_security\",\"premium\":\"3.00\",\"coverage\":"
                    + "\"500.00\"}"));
            NewUser a = f.fund(f.createUserOnShard(0, "CNY"), "10.00");
            NewUser b = f.fund(f.createUserOnShard(1, "CNY"), "10.00");
            for (NewUser u : java.util.List.of(a, b)) {
                Reply bought = f.api.post("/v1/users/" + u.id() + "/policies", u.token(),
                        "{\"product\":\"SEC\",\"request_id\":\"p\"}");
                assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
            }
            advance(f, 60);
            String policyB = f.api.get("/v1/users/" + b.id() + "/policies", b.token()).body().get("policies").get(0)
                    .get("policy_id").asText();
            Reply claimed = claim(f, b, policyB, "c", "20.00", now(f).minusSeconds(30));
            assertThat(f.api.post("/v1/claims/" + claimed.body().get("claim_id").asText() + "/approve", adminKey, "")
                    .status()).isEqualTo(200);

            // The next settlement interval: both shards' premiums in, shard 1's claim collected.
            advance(f, 2 * 3_600 + 60);

            assertThat(f.balance(owner.wallet())).isEqualTo("986.00");
            JsonNode shards = f.api.get("/v1/insurers/PICC/statement", adminKey).body().get("shards");
            for (JsonNode s : shards) {
                assertThat(s.get("premium_balance").asText()).as(s.toString()).isEqualTo("0.00");
                assertThat(s.get("claims_balance").asText()).as(s.toString()).isEqualTo("0.00");
            }
        }
    }

    @Test
    void badTermsAreRefusedWithA400NamingTheFieldAndItsLimit() {
        try (ApiFixture f = ApiFixture.inMemory(2)) {
            NewUser owner = f.createFundedUser("1.00");
            Reply longCode = f.api.post("/v1/insurers", adminKey, "{\"code\":\"" + "X".repeat(33) + "\",\"name\":\"I\","
                    + "\"currency\":\"CNY\",\"owner_user_id\":\"" + owner.id() + "\"}");
            assertThat(longCode.errorField()).isEqualTo("code");
            assertThat(longCode.errorMessage()).contains("maxCodeLength");
            created(f.api.post("/v1/insurers", adminKey, "{\"code\":\"PICC\",\"name\":\"PICC\",\"currency\":\"CNY\","
                    + "\"owner_user_id\":\"" + owner.id() + "\"}"));
            String product = "{\"code\":\"P\",\"name\":\"P\",\"insurer\":\"PICC\",\"kind\":\"%s\",\"coverage\":\"1.00\"%s}";
            assertThat(field(f, product.formatted("return_shipping", ",\"premium_rate\":\"0.0000001\"")))
                    .isEqualTo("premium_rate");
            assertThat(field(f, product.formatted("account_security", ",\"claim_window_hours\":721")))
                    .isEqualTo("claim_window_hours");
            assertThat(field(f, product.formatted("mutual_aid", ",\"period_days\":0"))).isEqualTo("period_days");
            assertThat(field(f, product.formatted("fire", ""))).isEqualTo("kind");
            assertThat(field(f, product.formatted("account_security", ",\"payer\":\"seller\""))).isEqualTo("payer");
            assertThat(field(f, "{\"code\":\"P\",\"name\":\"P\",\"insurer\":\"NONE\",\"kind\":\"mutual_aid\","
                    + "\"coverage\":\"1.00\"}")).isEqualTo("insurer");
            Reply window = f.api.post("/v1/insurance/products", adminKey,
                    product.formatted("account_security", ",\"claim_window_hours\":721"));
            assertThat(window.errorMessage()).contains("maxClaimWindowHours");
            assertThat(f.api.get("/v1/insurance/products/P", adminKey).status()).as("nothing was created")
                    .isEqualTo(404);
            NewUser user = f.createFundedUser("10.00");
            Reply noProduct = f.api.post("/v1/users/" + user.id() + "/policies", user.token(),
                    "{\"product\":\"P\",\"request_id\":\"r\"}");
            assertThat(noProduct.errorField()).isEqualTo("product");
            assertThat(f.balance(user.wallet())).isEqualTo("10.00");
        }
    }

    private static String field(ApiFixture f, String body) {
        Reply r = f.api.post("/v1/insurance/products", adminKey, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        return r.errorField();
    }

    private static String withInsurance(String tradeBody, String insurance) {
        return tradeBody.substring(0, tradeBody.length() - 1) + ",\"insurance\":\"" + insurance + "\"}";
    }

    private static String join(ApiFixture f, NewUser u) {
        Reply r = f.api.post("/v1/users/" + u.id() + "/policies", u.token(), "{\"product\":\"AID\",\"request_id\":\"j\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("policy_id").asText();
    }

    private static Reply claim(ApiFixture f, NewUser u, String policy, String requestId, String amount, Instant loss) {
        return f.api.post("/v1/policies/" + policy + "/claims", u.token(), "{\"request_id\":\"" + requestId
                + "\",\"amount\":\"" + amount + "\",\"loss_at\":\"" + loss + "\",\"description\":\"phone stolen\"}");
    }

    private static JsonNode created(Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }

    private static Instant now(ApiFixture f) {
        return Instant.parse(f.api.get("/v1/test/clock", adminKey).body().get("now").asText());
    }

    private static void advance(ApiFixture f, long seconds) {
        Reply r = f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":" + seconds + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
}
