package io.atta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credit pay on a real server on the test clock, killed with SIGKILL while the clock's advance to
 * the statement day is being applied (the kill lands a random moment after the advance is sent:
 * before, during or after the statements), and again while it advances to the due day (automatic
 * repayment). Restarted (its test clock starts again at the wall clock, so the test advances it
 * again), every line has exactly one statement billing exactly its purchase, every automatic
 * repayment was made exactly once (wallets and the lender's balance to the fen).
 */
class CreditCrashIT {
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());
    private static final int users = 30;
    private static final ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    private static final long fed = 10_000_000;

    @TempDir
    Path tmp;

    @Test
    void statementsAndAutomaticRepaymentsHappenExactlyOnceAcrossKills() throws Exception {
        RestartableServer.runSeeded("CreditCrashIT", seed, tmp.resolve("data"), 1,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                List.of("--test-clock", "--settlement-interval", "0"), this::crashAndCheck);
    }

    private void crashAndCheck(RestartableServer server) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        server.startClean();
        URI base = server.baseUri();
        String key = server.adminKey();
        JsonNode merchant = call(base, key, "POST", "/v1/merchants", "{\"name\":\"Tea House\"}", 201);
        String shop = merchant.get("merchant_id").asText();
        String shopKey = merchant.get("api_key").asText();
        call(base, key, "POST", "/v1/credit/lender/adjustments", "{\"shard\":0,\"currency\":\"CNY\",\"amount\":\""
                + BigDecimal.valueOf(fed, 2) + "\",\"direction\":\"credit\",\"reason\":\"it\",\"request_id\":\"f\"}", 201);
        List<String> ids = new ArrayList<>();
        List<String> wallets = new ArrayList<>();
        List<Long> bought = new ArrayList<>();
        long lent = 0;
        for (int i = 0; i < users; i++) {
            JsonNode u = call(base, key, "POST", "/v1/users", "{\"currency\":\"CNY\"}", 201);
            String id = u.get("user_id").asText();
            call(base, key, "POST", "/v1/users/" + id + "/topup", "{\"amount\":\"200000.00\",\"currency\":\"CNY\","
                    + "\"request_id\":\"t" + i + "\"}", 200);
            call(base, key, "POST", "/v1/users/" + id + "/kyc", "{\"level\":3}", 200);
            call(base, key, "POST", "/v1/users/" + id + "/credit-line", "{\"request_id\":\"l\",\"auto_repay\":"
                    + (i % 2 == 0) + "}", 201);
            long fen = 1_000 + random.nextLong(150_000);
            String tradeNo = call(base, shopKey, "POST", "/v1/trades", "{\"out_trade_no\":\"o" + i + "\",\"seller\":\""
                    + shop + "\",\"amount\":\"" + BigDecimal.valueOf(fen, 2) + "\",\"currency\":\"CNY\",\"subject\":"
                    + "\"tea\",\"goods_type\":\"physical\",\"buyer_user_id\":\"" + id + "\"}", 201)
                    .get("trade_no").asText();
            call(base, key, "POST", "/v1/trades/" + tradeNo + "/pay", "{\"buyer_user_id\":\"" + id
                    + "\",\"funding_source\":\"credit_pay\"}", 200);
            ids.add(id);
            wallets.add(u.get("wallet_account_id").asText());
            bought.add(fen);
            lent += fen;
        }
        LocalDate first = LocalDate.ofInstant(clock(base, key), shanghai).withDayOfMonth(1).plusMonths(1);
        Instant statementDay = first.atStartOfDay(shanghai).toInstant().plusSeconds(3600);
        killDuringAdvance(server, base, key, statementDay, random);
        server.startClean();
        advanceTo(base, key, statementDay);
        String period = first.toString().substring(0, 7);
        for (int i = 0; i < users; i++) {
            JsonNode list = call(base, key, "GET", "/v1/users/" + ids.get(i) + "/credit-line/statements", null, 200);
            assertThat(list.get("statements").size()).as("user %d (seed %d)", i, seed).isEqualTo(1);
            JsonNode st = list.get("statements").get(0);
            assertThat(st.get("period").asText()).isEqualTo(period);
            assertThat(st.get("amount").asText()).isEqualTo(BigDecimal.valueOf(bought.get(i), 2).toPlainString());
        }
        assertThat(lender(base, key)).isEqualTo(fed - lent);

        Instant dueDay = first.plusDays(8).atStartOfDay(shanghai).toInstant().plusSeconds(3600);
        killDuringAdvance(server, base, key, dueDay, random);
        server.startClean();
        advanceTo(base, key, dueDay);
        long repaid = 0;
        for (int i = 0; i < users; i++) {
            boolean auto = i % 2 == 0;
            JsonNode line = call(base, key, "GET", "/v1/users/" + ids.get(i) + "/credit-line", null, 200);
            long owed = auto ? 0 : bought.get(i);
            assertThat(line.get("repayable").asText()).as("user %d (seed %d)", i, seed)
                    .isEqualTo(BigDecimal.valueOf(owed, 2).toPlainString());
            JsonNode wallet = call(base, key, "GET", "/v1/accounts/" + wallets.get(i), null, 200);
            long balance = 20_000_000 + bought.get(i) - (auto ? bought.get(i) : 0);
            assertThat(wallet.get("balance").asText()).as("user %d's wallet, repaid once", i)
                    .isEqualTo(BigDecimal.valueOf(balance, 2).toPlainString());
            repaid += auto ? bought.get(i) : 0;
        }
        assertThat(lender(base, key)).isEqualTo(fed - lent + repaid);
        System.out.printf("credit crash (seed %d): statements and automatic repayments once across two kills%n", seed);
    }

    /** Sends the advance to {@code target} and kills the server a random moment (0-300 ms) later. */
    private static void killDuringAdvance(RestartableServer server, URI base, String key, Instant target,
                                          SplittableRandom random) throws Exception {
        long seconds = target.getEpochSecond() - clock(base, key).getEpochSecond();
        CompletableFuture<HttpResponse<String>> advance = FundCrashIT.http.sendAsync(request(base, key, "POST",
                "/v1/test/clock/advance", "{\"seconds\":" + seconds + "}"), HttpResponse.BodyHandlers.ofString());
        // Not waiting for a state: the kill is meant to land at an arbitrary point of the advance.
        Thread.sleep(random.nextInt(300));
        server.kill();
        advance.handle((r, e) -> null).get(30, TimeUnit.SECONDS);
    }

    private static void advanceTo(URI base, String key, Instant target) throws Exception {
        long seconds = target.getEpochSecond() - clock(base, key).getEpochSecond();
        if (seconds > 0) {
            call(base, key, "POST", "/v1/test/clock/advance", "{\"seconds\":" + seconds + "}", 200);
        }
    }

    private static Instant clock(URI base, String key) throws Exception {
        return Instant.parse(call(base, key, "GET", "/v1/test/clock", null, 200).get("now").asText());
    }

    private static long lender(URI base, String key) throws Exception {
        return new BigDecimal(call(base, key, "GET", "/v1/credit/lender?shard=0", null, 200).get("balance").asText())
                .movePointRight(2).longValueExact();
    }

    private static HttpRequest request(URI base, String key, String method, String path, String body) {
        return FundCrashIT.request(base, key, method, path, body);
    }

    private static JsonNode call(URI base, String key, String method, String path, String body, int status)
            throws Exception {
        return FundCrashIT.call(base, key, method, path, body, status);
    }
}
