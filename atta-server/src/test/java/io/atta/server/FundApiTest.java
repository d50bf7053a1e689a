package io.atta.server;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fund over HTTP on a durable two-shard node with the test clock (docs/FUND.md): holders on
 * both shards subscribe, are confirmed as the clock moves, the manager publishes each day, and
 * holdings, income rows and the fund's totals answer to the fen; refusals are 400s naming the
 * field and 409s naming the result.
 */
class FundApiTest {
    private static final ZoneId shanghai = ZoneId.of("Asia/Shanghai");

    @Test
    void holdersOnEveryShardSubscribeEarnAndRedeem(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 0)) {
            NewUser manager = f.createFundedUser("1.00");
            NewUser a = f.fund(f.createUserOnShard(0, "CNY"), "200000.00");
            NewUser b = f.fund(f.createUserOnShard(1, "CNY"), "200000.00");
            Reply cal = f.api.send("PUT", "/v1/calendars/CN", adminKey,
                    "{\"holidays\":[\"2027-01-01\"],\"makeup_workdays\":[\"2027-02-07\"]}");
            assertThat(cal.status()).as(cal.toString()).isEqualTo(200);
            assertThat(f.api.get("/v1/calendars/CN", a.token()).body().get("holidays").get(0).asText())
                    .isEqualTo("2027-01-01");
            Reply created = f.api.post("/v1/funds", adminKey, "{\"code\":\"YEB\",\"name\":\"Yu'e Bao\",\"currency\":"
                    + "\"CNY\",\"manager_user_id\":\"" + manager.id() + "\",\"calendar\":\"CN\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.body().get("cutoff_local_time").asText()).isEqualTo("15:00");
            assertThat(created.body().get("fast_redeem_daily_limit").asText()).isEqualTo("10000.00");
            LocalDate start = LocalDate.parse(created.body().get("start_date").asText());
            String managerKey = fundManagerKey(f, manager);

            Reply sa = subscribe(f, a, "12345.67", "sa");
            assertThat(sa.status()).as(sa.toString()).isEqualTo(201);
            assertThat(sa.body().get("status").asText()).isEqualTo("pending");
            assertThat(subscribe(f, a, "12345.67", "sa").status()).as("a retry").isEqualTo(200);
            assertThat(subscribe(f, b, "99999.00", "sb").status()).isEqualTo(201);
            assertThat(subscribe(f, b, "1.01", "sb2").errorCode()).isEqualTo("holding_cap_exceeded");
            assertThat(subscribe(f, b, "1.011", "sb3").errorField()).isEqualTo("amount");
            assertThat(f.api.post("/v1/funds/YEB/subscriptions", a.token(), "{\"user_id\":\"" + b.id()
                    + "\",\"amount\":\"1.00\",\"request_id\":\"x\"}").status()).as("for another user").isEqualTo(403);
            LocalDate confirm = LocalDate.parse(sa.body().get("confirm_date").asText());

            // Move to two days after the later confirmation, then publish every day from the start.
            LocalDate confirmB = LocalDate.parse(f.api.post("/v1/funds/YEB/subscriptions", b.token(),
                    "{\"user_id\":\"" + b.id() + "\",\"amount\":\"99999.00\",\"request_id\":\"sb\"}").body()
                    .get("confirm_date").asText());
            LocalDate until = (confirm.isAfter(confirmB) ? confirm : confirmB).plusDays(2);
            advanceTo(f, until.atStartOfDay(shanghai).toInstant().plusSeconds(3600));
            assertThat(holding(f, a).get("units").asText()).isEqualTo("12345.67");
            assertThat(publish(f, managerKey, until.toString(), "0.4521").errorCode())
                    .isEqualTo("income_date_not_ended");
            assertThat(publish(f, a.token(), start.toString(), "0.4521").status()).as("not the manager").isEqualTo(403);
            assertThat(publish(f, manager.token(), start.toString(), "0.4521").status())
                    .as("the manager's user key: the route is for fund_manager keys").isEqualTo(403);
            assertThat(publish(f, fundManagerKey(f, a), start.toString(), "0.4521").status())
                    .as("another user's fund_manager key").isEqualTo(403);
            assertThat(publish(f, managerKey, start.minusDays(1).toString(), "0.4521").errorField())
                    .isEqualTo("date");
            assertThat(publish(f, managerKey, start.toString(), "0.45211").errorField())
                    .isEqualTo("income_per_10k");
            for (LocalDate d = start; d.isBefore(until); d = d.plusDays(1)) {
                Reply p = publish(f, managerKey, d.toString(), "0.4521");
                assertThat(p.status()).as(p.toString()).isEqualTo(200);
            }
            assertThat(publish(f, managerKey, start.toString(), "0.4521").body().get("result").asText())
                    .isEqualTo("exists");
            assertThat(publish(f, adminKey, start.toString(), "0.5000").errorCode())
                    .isEqualTo("income_already_published");

            JsonNode ha = holding(f, a);
            // Day 1 on 1234567 fen: floor(1234567 × 4521 / 10^8) = 55; day 2 on 1234622: 55.
            long days = until.toEpochDay() - confirm.toEpochDay();
            assertThat(ha.get("yesterday_income").asText()).isEqualTo("0.55");
            assertThat(ha.get("total_income").asText()).isEqualTo(days == 2 ? "1.10" : ha.get("total_income").asText());
            JsonNode rows = f.api.get("/v1/funds/YEB/holdings/" + a.id() + "/income?from=" + confirm + "&to="
                    + until.minusDays(1), a.token()).body().get("income");
            assertThat(rows.get(0).get("earning_units").asText()).isEqualTo("12345.67");
            assertThat(rows.get(0).get("income").asText()).isEqualTo("0.55");
            assertThat(rows.get(0).get("income_per_10k").asText()).isEqualTo("0.4521");

            JsonNode fund = f.api.get("/v1/funds/YEB", b.token()).body();
            long unitsA = cents(ha.get("units").asText());
            long unitsB = cents(holding(f, b).get("units").asText());
            assertThat(cents(fund.get("total_units").asText())).as("summed over both shards").isEqualTo(unitsA + unitsB);
            assertThat(fund.get("last_income_date").asText()).isEqualTo(until.minusDays(1).toString());
            assertThat(fund.get("holders").asInt()).isEqualTo(2);

            assertThat(redeem(f, b, "10000.01", "fast", "rb1").errorCode()).isEqualTo("fast_redeem_limit_exceeded");
            assertThat(redeem(f, a, "20000.00", "normal", "ra1").errorCode()).isEqualTo("insufficient_units");
            Reply fast = redeem(f, b, "10000.00", "fast", "rb2");
            assertThat(fast.status()).as(fast.toString()).isEqualTo(201);
            assertThat(fast.body().get("status").asText()).isEqualTo("paid");
            assertThat(f.account(b.wallet()).get("balance").asText()).isEqualTo("110001.00");
            assertThat(holding(f, b).get("fast_redeemed_today").asText()).isEqualTo("10000.00");
            Reply normal = redeem(f, a, "100.00", "normal", "ra2");
            assertThat(normal.body().get("status").asText()).isEqualTo("pending");
            advanceTo(f, LocalDate.parse(normal.body().get("pay_date").asText()).atStartOfDay(shanghai).toInstant()
                    .plusSeconds(60));
            assertThat(f.account(a.wallet()).get("balance").asText()).isEqualTo("187754.33");
        }
    }

    @Test
    void theManagersWalletPaysEachShardsIncomeAtSettlement(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 3_600)) {
            NewUser manager = f.createFundedUser("1000.00");
            NewUser a = f.fund(f.createUserOnShard(0, "CNY"), "50000.00");
            NewUser b = f.fund(f.createUserOnShard(1, "CNY"), "50000.00");
            Reply created = f.api.post("/v1/funds", adminKey, "{\"code\":\"YEB\",\"name\":\"Yu'e Bao\",\"currency\":"
                    + "\"CNY\",\"manager_user_id\":\"" + manager.id() + "\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            LocalDate start = LocalDate.parse(created.body().get("start_date").asText());
            String managerKey = fundManagerKey(f, manager);
            assertThat(subscribe(f, a, "40000.00", "sa").status()).isEqualTo(201);
            assertThat(subscribe(f, b, "30000.00", "sb").status()).isEqualTo(201);
            LocalDate until = start.plusDays(8);
            advanceTo(f, until.atStartOfDay(shanghai).toInstant().plusSeconds(60));
            for (LocalDate d = start; d.isBefore(until); d = d.plusDays(1)) {
                assertThat(publish(f, managerKey, d.toString(), "0.5000").status()).isEqualTo(200);
            }
            long paid = cents(holding(f, a).get("total_income").asText()) + cents(holding(f, b).get("total_income")
                    .asText()) + cents(f.api.get("/v1/funds/YEB", adminKey).body().get("income_pool").asText());
            assertThat(paid).as("holders on both shards earned").isPositive();

            // The next settlement interval collects each shard's income from the manager's wallet.
            advanceTo(f, until.atStartOfDay(shanghai).toInstant().plusSeconds(2 * 3_600 + 60));

            assertThat(cents(f.account(manager.wallet()).get("balance").asText())).isEqualTo(100_000 - paid);
        }
    }

    @Test
    void badTermsAreRefusedWithA400NamingTheFieldAndChangeNothing() {
        try (ApiFixture f = ApiFixture.inMemory(2)) {
            NewUser manager = f.createFundedUser("1.00");
            String ok = "\"name\":\"Yu'e Bao\",\"currency\":\"CNY\",\"manager_user_id\":\"" + manager.id() + "\"";
            String[][] cases = {
                    {"{\"code\":\"YE B\"," + ok + "}", "code", "maxFundCodeLength"},
                    {"{\"code\":\"YEB\"," + ok + ",\"cutoff_local_time\":\"25:00\"}", "cutoff_local_time", "15:00"},
                    {"{\"code\":\"YEB\"," + ok + ",\"time_zone\":\"Mars/Olympus\"}", "time_zone", "Asia/Shanghai"},
                    {"{\"code\":\"YEB\"," + ok + ",\"calendar\":\"NOPE\"}", "calendar", "PUT /v1/calendars"},
                    {"{\"code\":\"YEB\"," + ok + ",\"holding_cap\":\"0.00\"}", "holding_cap", ""},
                    {"{\"code\":\"YEB\",\"name\":\"x\",\"currency\":\"CNY\",\"manager_user_id\":\"123\"}",
                            "manager_user_id", "existing user"},
            };
            for (String[] c : cases) {
                Reply r = f.api.post("/v1/funds", adminKey, c[0]);
                assertThat(r.status()).as(r.toString()).isEqualTo(400);
                assertThat(r.errorField()).as(r.toString()).isEqualTo(c[1]);
                assertThat(r.errorMessage()).as(r.toString()).contains(c[2]);
            }
            assertThat(f.api.get("/v1/funds/YEB", adminKey).status()).as("no fund was made").isEqualTo(404);
            Reply cal = f.api.send("PUT", "/v1/calendars/CN", adminKey, "{\"holidays\":[\"2027-13-01\"]}");
            assertThat(cal.errorField()).as(cal.toString()).isEqualTo("holidays[0]");
            assertThat(f.api.get("/v1/calendars/CN", adminKey).status()).isEqualTo(404);
        }
    }

    private static long cents(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
    }

    private static Reply subscribe(ApiFixture f, NewUser u, String amount, String requestId) {
        return f.api.post("/v1/funds/YEB/subscriptions", u.token(), "{\"user_id\":\"" + u.id() + "\",\"amount\":\""
                + amount + "\",\"request_id\":\"" + requestId + "\"}");
    }

    private static Reply redeem(ApiFixture f, NewUser u, String amount, String mode, String requestId) {
        return f.api.post("/v1/funds/YEB/redemptions", u.token(), "{\"user_id\":\"" + u.id() + "\",\"amount\":\""
                + amount + "\",\"mode\":\"" + mode + "\",\"request_id\":\"" + requestId + "\"}");
    }

    /** A fund_manager key owned by {@code manager}, made by the admin. */
    private static String fundManagerKey(ApiFixture f, NewUser manager) {
        Reply r = f.api.post("/v1/keys", adminKey, "{\"role\":\"fund_manager\",\"owner_id\":\"" + manager.id() + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("key").asText();
    }

    private static Reply publish(ApiFixture f, String key, String date, String income) {
        return f.api.post("/v1/funds/YEB/income", key, "{\"date\":\"" + date + "\",\"income_per_10k\":\"" + income
                + "\"}");
    }

    private static JsonNode holding(ApiFixture f, NewUser u) {
        Reply r = f.api.get("/v1/funds/YEB/holdings/" + u.id(), u.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
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
