package io.atta.server;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.TradeCalls.Merchant;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credit over HTTP on a durable node with the test clock (docs/CREDIT.md): KYC and the score, a
 * line sized from it, a trade paid with credit pay and partly refunded (the refund goes back to
 * the line), a P2P payment with credit pay, the statement on the 1st, a minimum repayment, installments refused on a paid
 * statement; bad input is a 400 naming the field and changes nothing.
 */
class CreditApiTest {
    private static final ZoneId shanghai = ZoneId.of("Asia/Shanghai");

    @Test
    void aUserScoresOpensALinePaysWithCreditAndRepays(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 1, 0)) {
            TradeCalls t = new TradeCalls(f);
            Merchant m = t.merchant("Tea House");
            NewUser u = f.createFundedUser("200000.00");
            String base = "/v1/users/" + u.id();

            Reply low = f.api.post(base + "/credit-line", u.token(), "{\"request_id\":\"l1\"}");
            assertThat(low.status()).as(low.toString()).isEqualTo(409);
            assertThat(low.errorCode()).isEqualTo("score_too_low");
            assertThat(f.api.post(base + "/kyc", u.token(), "{\"level\":3}").status()).as("admin only").isEqualTo(403);
            assertThat(f.api.post(base + "/kyc", adminKey, "{\"level\":4}").errorField()).isEqualTo("level");
            Reply kyc = f.api.post(base + "/kyc", adminKey, "{\"level\":3}");
            assertThat(kyc.status()).as(kyc.toString()).isEqualTo(200);
            assertThat(kyc.body().get("kyc_level").asInt()).isEqualTo(3);

            JsonNode score = f.api.get(base + "/credit-score", u.token()).body();
            assertThat(score.get("score").asInt()).isEqualTo(600);
            assertThat(score.get("model_version").asText()).isEqualTo("1");
            assertThat(score.get("dimensions").get("capacity").asInt()).isEqualTo(120);
            assertThat(score.get("reasons").size()).isBetween(1, 4);
            assertThat(score.get("reasons").get(0).get("code").asText()).isEqualTo("short_repayment_history");

            Reply opened = f.api.post(base + "/credit-line", u.token(), "{\"request_id\":\"l1\",\"auto_repay\":false}");
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            assertThat(opened.body().get("limit").asText()).isEqualTo("2000.00");
            assertThat(opened.body().get("statement_day").asInt()).isEqualTo(1);
            assertThat(opened.body().get("due_day").asInt()).isEqualTo(9);
            assertThat(f.api.post(base + "/credit-line", u.token(), "{\"request_id\":\"l1\"}").status()).isEqualTo(200);

            String tradeNo = t.created(m, "o-1", "100.00", u.id());
            Reply unfunded = t.act(u.token(), tradeNo, "pay", "{\"funding_source\":\"credit_pay\"}");
            assertThat(unfunded.errorCode()).as("the lender has nothing yet").isEqualTo("lender_funds_insufficient");
            Reply fed = f.api.post("/v1/credit/lender/adjustments", adminKey, "{\"shard\":0,\"currency\":\"CNY\","
                    + "\"amount\":\"100000.00\",\"direction\":\"credit\",\"reason\":\"credit pay funding\","
                    + "\"request_id\":\"feed-1\"}");
            assertThat(fed.status()).as(fed.toString()).isEqualTo(201);
            assertThat(fed.body().get("balance").asText()).isEqualTo("100000.00");
            String walletBefore = f.account(u.wallet()).get("available").asText();
            Reply paid = t.act(u.token(), tradeNo, "pay", "{\"funding_source\":\"credit_pay\"}");
            assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
            JsonNode line = f.api.get(base + "/credit-line", u.token()).body();
            assertThat(line.get("used").asText()).isEqualTo("100.00");
            assertThat(line.get("available").asText()).isEqualTo("1900.00");
            assertThat(f.api.get("/v1/credit/lender?shard=0", adminKey).body().get("balance").asText())
                    .isEqualTo("99900.00");

            JsonNode asked = TradeCalls.ok(t.act(u.token(), tradeNo, "refunds",
                    "{\"out_request_no\":\"r1\",\"amount\":\"40.00\",\"reason\":\"chipped\"}"));
            String refundId = asked.at("/refunds/0/refund_id").asText();
            TradeCalls.ok(t.act(m.apiKey(), tradeNo, "refunds/" + refundId + "/agree", ""));
            line = f.api.get(base + "/credit-line", u.token()).body();
            assertThat(line.get("used").asText()).as("the refund went back to the line").isEqualTo("60.00");
            assertThat(f.account(u.wallet()).get("available").asText()).as("what the trade holds apart").isEqualTo(walletBefore);

            NewUser friend = f.createUser("CNY");
            Reply p2p = f.api.post("/v1/payments/p2p", u.token(), "{\"from_user_id\":\"" + u.id()
                    + "\",\"to_user_id\":\"" + friend.id() + "\",\"amount\":\"15.00\",\"currency\":\"CNY\","
                    + "\"request_id\":\"p2p-1\",\"funding_source\":\"credit_pay\"}");
            assertThat(p2p.status()).as(p2p.toString()).isBetween(200, 201);
            assertThat(f.balance(friend.wallet())).isEqualTo("15.00");
            assertThat(f.api.get(base + "/credit-line", u.token()).body().get("used").asText())
                    .as("a P2P payment with credit pay").isEqualTo("75.00");

            LocalDate first = LocalDate.now(shanghai).withDayOfMonth(1).plusMonths(1);
            advanceTo(f, first.atStartOfDay(shanghai).toInstant().plusSeconds(3600));
            String period = first.toString().substring(0, 7);
            JsonNode list = f.api.get(base + "/credit-line/statements", u.token()).body();
            assertThat(list.get("statements").size()).isEqualTo(1);
            JsonNode st = f.api.get(base + "/credit-line/statements/" + period, u.token()).body();
            assertThat(st.get("amount").asText()).isEqualTo("75.00");
            assertThat(st.get("minimum").asText()).isEqualTo("7.50");
            assertThat(st.get("due_date").asText()).isEqualTo(first.plusDays(8).toString());
            assertThat(st.get("status").asText()).isEqualTo("open");

            assertThat(f.api.post(base + "/credit-line/repayments", u.token(),
                    "{\"amount\":\"6.001\",\"request_id\":\"p1\"}").errorField()).isEqualTo("amount");
            assertThat(f.api.post(base + "/credit-line/repayments", u.token(),
                    "{\"amount\":\"6.00\",\"source\":\"card\",\"request_id\":\"p1\"}").errorField()).isEqualTo("source");
            assertThat(f.api.post(base + "/credit-line/repayments", u.token(),
                    "{\"amount\":\"75.01\",\"request_id\":\"p1\"}").errorCode()).isEqualTo("repayment_exceeds_owed");
            Reply repaid = f.api.post(base + "/credit-line/repayments", u.token(),
                    "{\"amount\":\"6.00\",\"request_id\":\"p1\"}");
            assertThat(repaid.status()).as(repaid.toString()).isEqualTo(201);
            assertThat(repaid.body().at("/credit_line/repayable").asText()).isEqualTo("69.00");
            assertThat(f.api.post(base + "/credit-line/repayments", u.token(),
                    "{\"amount\":\"6.00\",\"request_id\":\"p1\"}").status()).as("a retry").isEqualTo(200);
            assertThat(f.api.post(base + "/credit-line/statements/" + period + "/installments", u.token(),
                    "{\"months\":3}").errorCode()).isEqualTo("statement_not_installable");
            assertThat(f.api.post(base + "/credit-line/statements/" + period + "/installments", u.token(),
                    "{\"months\":4}").errorField()).isEqualTo("months");
            assertThat(f.api.get(base + "/credit-line/statements/2027-13", u.token()).errorField()).isEqualTo("period");
        }
    }

    private static void advanceTo(ApiFixture f, Instant target) {
        Instant now = Instant.parse(f.api.get("/v1/test/clock", adminKey).body().get("now").asText());
        long seconds = target.getEpochSecond() - now.getEpochSecond();
        if (seconds > 0) {
            Reply r = f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":" + seconds + "}");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
    }
}
