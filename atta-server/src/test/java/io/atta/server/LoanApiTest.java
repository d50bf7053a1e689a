package io.atta.server;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.lending.Installment;
import io.atta.core.lending.LoanSchedule;
import io.atta.core.lending.RepaymentMethod;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loans over HTTP on a durable two-shard node with the test clock (docs/LOANS.md): a lender funded
 * by its channel on both shards, borrowers on each shard, quotes, loans, a late repayment with
 * its penalty, a prepayment, the lender's figures; bad input is a 400 naming the field, refusals
 * 409s naming the result, repeats 200 (or 409 with other fields).
 */
class LoanApiTest {
    private static final ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    /**
     * The borrowers' credit score (docs/CREDIT.md) with KYC level 3, 100,000.00 in the wallet and
     * nothing else on record is in the 600–639 band: 0.06% a day, up to 10,000.00 (docs/LOANS.md, Rates).
     */
    private static final long rate = 60_000;

    @Test
    void borrowersOnEveryShardBorrowRepayLateAndPrepay(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 0)) {
            Reply channel = f.api.post("/v1/channels", adminKey, "{\"name\":\"First Bank\",\"currency\":\"CNY\"}");
            String channelKey = channel.body().get("key").asText();
            String lenderBody = "{\"name\":\"Partner Bank\",\"currency\":\"CNY\",\"request_id\":\"pb-1\"}";
            Reply lender = f.api.post("/v1/lenders", adminKey, lenderBody);
            assertThat(lender.status()).as(lender.toString()).isEqualTo(201);
            assertThat(f.api.post("/v1/lenders", adminKey, lenderBody).status()).as("a retry").isEqualTo(200);
            assertThat(f.api.post("/v1/lenders", adminKey, lenderBody.replace("Partner", "Other")).errorCode())
                    .isEqualTo("exists_with_different_fields");
            String lenderId = lender.body().get("lender_id").asText();
            String lenderKey = f.api.post("/v1/keys", adminKey, "{\"role\":\"lender\",\"owner_id\":\"" + lenderId
                    + "\"}").body().get("key").asText();
            String deposit = "{\"amount\":\"200000.01\",\"currency\":\"CNY\",\"channel_ref\":\"pb-dep-1\"}";
            Reply funded = f.api.post("/v1/lenders/" + lenderId + "/deposits", channelKey, deposit);
            assertThat(funded.status()).as(funded.toString()).isEqualTo(201);
            assertThat(funded.body().get("shards").get(0).get("amount").asText()).isEqualTo("100000.01");
            assertThat(f.api.post("/v1/lenders/" + lenderId + "/deposits", channelKey, deposit).status()).isEqualTo(200);
            assertThat(f.api.post("/v1/lenders/" + lenderId + "/deposits", adminKey, deposit).status()).isEqualTo(403);
            // All on one shard: the other gets nothing; a shard that does not exist is a 400 naming it.
            String onShard1 = "{\"amount\":\"500.00\",\"currency\":\"CNY\",\"channel_ref\":\"pb-dep-2\",\"shard\":1}";
            Reply one = f.api.post("/v1/lenders/" + lenderId + "/deposits", channelKey, onShard1);
            assertThat(one.status()).as(one.toString()).isEqualTo(201);
            assertThat(one.body().get("shards").get(0).get("amount").asText()).isEqualTo("0.00");
            JsonNode split = f.api.get("/v1/lenders/" + lenderId, adminKey).body();
            assertThat(split.get("shards").get(0).get("funding_available").asText()).isEqualTo("100000.01");
            assertThat(split.get("shards").get(1).get("funding_available").asText()).isEqualTo("100500.00");
            assertThat(f.api.post("/v1/lenders/" + lenderId + "/deposits", channelKey, onShard1.replace(":1}", ":2}"))
                    .errorField()).isEqualTo("shard");

            // 100,000.00 in the wallet and KYC level 3: a score of 600 (docs/CREDIT.md, scorecard v1).
            NewUser a = f.fund(f.createUserOnShard(0, "CNY"), "100000.00");
            NewUser b = f.fund(f.createUserOnShard(1, "CNY"), "100000.00");
            String loans = "/v1/users/" + a.id() + "/loans";
            assertThat(f.api.post(loans, a.token(), body("1000.00", 3, "equal_installment", "x")).errorCode())
                    .as("no KYC yet: a score below 600").isEqualTo("score_too_low");
            for (NewUser u : new NewUser[] {a, b}) {
                assertThat(f.api.post("/v1/users/" + u.id() + "/kyc", adminKey, "{\"level\":3}").status()).isEqualTo(200);
                assertThat(f.api.get("/v1/users/" + u.id() + "/credit-score", u.token()).body().get("score").asInt())
                        .isBetween(600, 639);
            }

            // Bad input: 400 naming the field, nothing borrowed.
            assertThat(f.api.post(loans, a.token(), body("999.99", 3, "equal_installment", "x")).errorField())
                    .isEqualTo("amount");
            assertThat(f.api.post(loans, a.token(), body("300000.01", 3, "equal_installment", "x")).errorField())
                    .isEqualTo("amount");
            assertThat(f.api.post(loans, a.token(), body("1000.001", 3, "equal_installment", "x")).errorField())
                    .isEqualTo("amount");
            assertThat(f.api.post(loans, a.token(), body("1000.00", 13, "equal_installment", "x")).errorField())
                    .isEqualTo("months");
            assertThat(f.api.post(loans, a.token(), body("1000.00", 0, "equal_installment", "x")).errorField())
                    .isEqualTo("months");
            assertThat(f.api.post(loans, a.token(), body("1000.00", 3, "annuity", "x")).errorField())
                    .isEqualTo("method");
            assertThat(f.api.post(loans, a.token(), "{\"amount\":\"1000.00\",\"method\":\"interest_first\","
                    + "\"request_id\":\"x\"}").errorField()).isEqualTo("months");
            assertThat(f.api.post(loans, a.token(), body("1000.00", 3, "equal_installment", "")).errorField())
                    .isEqualTo("request_id");
            assertThat(f.api.post(loans, b.token(), body("1000.00", 3, "equal_installment", "x")).status())
                    .as("for another user").isEqualTo(403);
            // Over the score's limit: 409 naming the limit.
            Reply over = f.api.post(loans, a.token(), body("10000.01", 3, "equal_installment", "x"));
            assertThat(over.errorCode()).isEqualTo("loan_limit_exceeded");
            assertThat(over.errorMessage()).contains("10000.00");
            assertThat(f.api.get(loans, a.token()).body().get("loans")).isEmpty();

            // The quote and the loan: the spec's schedule, disbursed into the wallet.
            Reply quote = f.api.post(loans + "/quote", a.token(),
                    "{\"amount\":\"10000.00\",\"months\":3,\"method\":\"equal_installment\"}");
            assertThat(quote.status()).as(quote.toString()).isEqualTo(200);
            assertThat(quote.body().get("daily_rate").asText()).isEqualTo("0.06%");
            int today = (int) LocalDate.parse(quote.body().get("disbursed_date").asText()).toEpochDay();
            Installment[] s = LoanSchedule.of(RepaymentMethod.equal_installment, 1_000_000, 3, rate, today);
            for (int k = 0; k < 3; k++) {
                JsonNode row = quote.body().get("schedule").get(k);
                assertThat(row.get("principal").asText()).isEqualTo(cny(s[k].principal()));
                assertThat(row.get("interest").asText()).isEqualTo(cny(s[k].interest()));
                assertThat(row.get("due_date").asText()).isEqualTo(LocalDate.ofEpochDay(s[k].dueDay()).toString());
            }
            Reply loan = f.api.post(loans, a.token(), body("10000.00", 3, "equal_installment", "la-1"));
            assertThat(loan.status()).as(loan.toString()).isEqualTo(201);
            String loanId = loan.body().get("loan_id").asText();
            assertThat(Ids.slotOf(Long.parseLong(loanId))).as("the loan id carries its shard's slot")
                    .isEqualTo(Ids.slotOf(Long.parseLong(a.id())));
            assertThat(loan.body().get("schedule").get(0).get("total").asText()).isEqualTo(cny(s[0].total()));
            assertThat(f.balance(a.wallet())).isEqualTo("110000.00");
            Reply again = f.api.post(loans, a.token(), body("10000.00", 3, "equal_installment", "la-1"));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body().get("loan_id").asText()).isEqualTo(loanId);
            Reply other = f.api.post(loans, a.token(), body("10000.00", 6, "equal_installment", "la-1"));
            assertThat(other.status()).isEqualTo(409);
            assertThat(other.errorField()).isEqualTo("request_id");
            assertThat(f.balance(a.wallet())).isEqualTo("110000.00");
            Reply loanB = f.api.post("/v1/users/" + b.id() + "/loans", b.token(),
                    body("2000.00", 6, "interest_first", "lb-1"));
            assertThat(loanB.status()).as(loanB.toString()).isEqualTo(201);
            String loanBId = loanB.body().get("loan_id").asText();

            // The lender reads its exposure over both shards; the loans it funded; nothing else.
            JsonNode l = f.api.get("/v1/lenders/" + lenderId, lenderKey).body();
            assertThat(l.get("exposure").asText()).isEqualTo("12000.00");
            assertThat(l.get("funding_available").asText()).isEqualTo("188500.01");
            assertThat(f.api.get("/v1/lenders/" + lenderId, a.token()).status()).isEqualTo(403);
            assertThat(f.api.get("/v1/loans/" + loanId, lenderKey).status()).isEqualTo(200);
            assertThat(f.api.get("/v1/loans/" + loanId, b.token()).status()).isEqualTo(403);
            assertThat(f.api.get("/v1/users/" + a.id() + "/loans", lenderKey).status()).isEqualTo(403);

            // Nothing is owed before the first due day.
            String repay = "/v1/loans/" + loanId + "/repayments";
            assertThat(f.api.post(repay, a.token(), "{\"amount\":\"1.00\",\"request_id\":\"r0\"}").errorCode())
                    .isEqualTo("nothing_owed");
            assertThat(f.api.post(repay, b.token(), "{\"amount\":\"1.00\",\"request_id\":\"r0\"}").status())
                    .isEqualTo(403);

            // Two days late: two days' penalty on the first installment's principal.
            advanceTo(f, LocalDate.ofEpochDay(s[0].dueDay() + 2).atStartOfDay(shanghai).toInstant().plusSeconds(36_000));
            JsonNode late = f.api.get("/v1/loans/" + loanId, a.token()).body();
            long penalty = 2 * LoanSchedule.dailyPenalty(s[0].principal(), rate);
            assertThat(late.get("status").asText()).isEqualTo("overdue");
            assertThat(late.get("schedule").get(0).get("state").asText()).isEqualTo("overdue");
            assertThat(late.get("schedule").get(0).get("penalty").asText()).isEqualTo(cny(penalty));
            assertThat(late.get("owed_today").asText()).isEqualTo(cny(s[0].total() + penalty));
            Reply tooMuch = f.api.post(repay, a.token(), "{\"amount\":\"" + cny(s[0].total() + penalty + 1)
                    + "\",\"request_id\":\"r1\"}");
            assertThat(tooMuch.errorCode()).isEqualTo("repayment_exceeds_owed");
            assertThat(tooMuch.errorField()).isEqualTo("amount");
            String exact = "{\"amount\":\"" + cny(s[0].total() + penalty) + "\",\"request_id\":\"r1\"}";
            Reply paid = f.api.post(repay, a.token(), exact);
            assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
            assertThat(paid.body().get("penalty").asText()).isEqualTo(cny(penalty));
            assertThat(paid.body().get("interest").asText()).isEqualTo(cny(s[0].interest()));
            assertThat(paid.body().get("principal").asText()).isEqualTo(cny(s[0].principal()));
            assertThat(paid.body().get("loan").get("status").asText()).isEqualTo("active");
            assertThat(f.api.post(repay, a.token(), exact).status()).as("a retry").isEqualTo(200);
            assertThat(f.balance(a.wallet())).isEqualTo(cny(11_000_000 - s[0].total() - penalty));

            // b pays everything off, its first month (interest only, no principal: no penalty) already due:
            // that month's interest, then interest for the days since its due day.
            Reply prepaid = f.api.post("/v1/loans/" + loanBId + "/prepay", b.token(), "{\"request_id\":\"p1\"}");
            assertThat(prepaid.status()).as(prepaid.toString()).isEqualTo(201);
            JsonNode pb = prepaid.body();
            int disbursedB = (int) LocalDate.parse(pb.get("loan").get("disbursed_date").asText()).toEpochDay();
            int dueB = LoanSchedule.dueDay(disbursedB, 1);
            int todayB = (int) LocalDate.parse(pb.get("loan").get("as_of_date").asText()).toEpochDay();
            assertThat(todayB).isBetween(dueB, LoanSchedule.dueDay(disbursedB, 2) - 1);
            assertThat(pb.get("interest").asText()).isEqualTo(cny(LoanSchedule.monthlyInterest(200_000, rate)
                    + LoanSchedule.interestForDays(200_000, rate, todayB - dueB)));
            assertThat(pb.get("principal").asText()).isEqualTo("2000.00");
            assertThat(pb.get("loan").get("status").asText()).isEqualTo("prepaid");
            assertThat(f.api.post("/v1/loans/" + loanBId + "/prepay", b.token(), "{\"request_id\":\"p2\"}")
                    .errorCode()).isEqualTo("loan_closed");

            JsonNode after = f.api.get("/v1/lenders/" + lenderId, adminKey).body();
            long interest = s[0].interest() + Amounts.parse(pb.get("interest").asText(), Currency.CNY);
            assertThat(after.get("exposure").asText()).isEqualTo(cny(1_000_000 - s[0].principal()));
            assertThat(after.get("interest_received").asText()).isEqualTo(cny(interest));
            assertThat(after.get("penalties_received").asText()).isEqualTo(cny(penalty));
            assertThat(after.get("income").asText()).isEqualTo(cny(interest + penalty));
            assertThat(f.api.get("/v1/users/" + b.id() + "/loans", b.token()).body().get("loans").get(0)
                    .get("status").asText()).isEqualTo("prepaid");
        }
    }

    private static String body(String amount, int months, String method, String requestId) {
        return "{\"amount\":\"" + amount + "\",\"months\":" + months + ",\"method\":\"" + method
                + "\",\"request_id\":\"" + requestId + "\"}";
    }

    private static String cny(long fen) {
        return Amounts.format(fen, Currency.CNY);
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
