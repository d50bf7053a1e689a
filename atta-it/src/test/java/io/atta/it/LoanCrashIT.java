package io.atta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.core.lending.LoanSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real two-shard server on the test clock is killed with SIGKILL while borrowers repay their
 * first installments three days late (the kill lands a random moment after the repayments are
 * sent). Restarted, every borrower repays again with the same request id (each answers 201 or,
 * when it was applied before the kill, 200) and every loan, wallet and the lender's figures show
 * each repayment exactly once, with exactly three days of penalty: no loan acknowledged before
 * the kill is lost, no repayment or day's penalty counted twice.
 */
class LoanCrashIT {
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());
    private static final int borrowers = 30;
    /**
     * Borrowers with KYC level 3 and 100,000.00 in the wallet score 600 (docs/CREDIT.md): 0.06% a
     * day, up to 10,000.00 (docs/LOANS.md, Rates).
     */
    private static final long rate = 60_000;
    private static final ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void everyRepaymentCountsExactlyOnceAfterAKill() throws Exception {
        RestartableServer.runSeeded("LoanCrashIT", seed, tmp.resolve("data"), 2,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                List.of("--test-clock", "--settlement-interval", "0"), this::crashAndCheck);
    }

    private void crashAndCheck(RestartableServer server) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        server.startClean();
        URI base = server.baseUri();
        String key = server.adminKey();
        JsonNode channel = call(base, key, "POST", "/v1/channels", "{\"name\":\"First Bank\",\"currency\":\"CNY\"}", 201);
        String lender = call(base, key, "POST", "/v1/lenders", "{\"name\":\"Partner Bank\",\"currency\":\"CNY\","
                + "\"request_id\":\"pb\"}", 201).get("lender_id").asText();
        call(base, channel.get("key").asText(), "POST", "/v1/lenders/" + lender + "/deposits",
                "{\"amount\":\"1000000.00\",\"currency\":\"CNY\",\"channel_ref\":\"d1\"}", 201);
        List<String> wallets = new ArrayList<>();
        List<String> loans = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        LocalDate due = null;
        for (int i = 0; i < borrowers; i++) {
            JsonNode created = call(base, key, "POST", "/v1/users", "{\"currency\":\"CNY\"}", 201);
            String user = created.get("user_id").asText();
            wallets.add(created.get("wallet_account_id").asText());
            call(base, key, "POST", "/v1/users/" + user + "/topup", "{\"amount\":\"100000.00\",\"currency\":\"CNY\","
                    + "\"request_id\":\"t" + i + "\"}", 200);
            call(base, key, "POST", "/v1/users/" + user + "/kyc", "{\"level\":3}", 200);
            long fen = 100_000 + random.nextLong(900_001);
            JsonNode loan = call(base, key, "POST", "/v1/users/" + user + "/loans", "{\"amount\":\"" + money(fen)
                    + "\",\"months\":3,\"method\":\"equal_installment\",\"request_id\":\"L" + i + "\"}", 201);
            due = LocalDate.parse(loan.get("schedule").get(0).get("due_date").asText());
            loans.add(loan.get("loan_id").asText());
            amounts.add(fen);
        }
        Instant late = due.plusDays(3).atStartOfDay(shanghai).toInstant().plusSeconds(36_000);
        advanceTo(base, key, late);
        List<String> bodies = new ArrayList<>();
        long[] owed = new long[borrowers];
        for (int i = 0; i < borrowers; i++) {
            JsonNode loan = call(base, key, "GET", "/v1/loans/" + loans.get(i), null, 200);
            owed[i] = fen(loan.get("owed_today").asText());
            bodies.add("{\"amount\":\"" + money(owed[i]) + "\",\"request_id\":\"R" + i + "\"}");
        }

        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < borrowers; i++) {
            inFlight.add(http.sendAsync(request(base, key, "POST", "/v1/loans/" + loans.get(i) + "/repayments",
                    bodies.get(i)), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.anyOf(inFlight.toArray(new CompletableFuture<?>[0])).handle((r, e) -> null)
                .get(30, TimeUnit.SECONDS);
        server.kill();
        boolean[] acknowledged = new boolean[borrowers];
        for (int i = 0; i < borrowers; i++) {
            HttpResponse<String> r = inFlight.get(i).handle((x, e) -> e == null ? x : null).get(30, TimeUnit.SECONDS);
            acknowledged[i] = r != null && r.statusCode() == 201;
        }

        server.startClean();
        advanceTo(base, key, late);
        long exposure = 0;
        long interest = 0;
        long penalties = 0;
        int before = 0;
        for (int i = 0; i < borrowers; i++) {
            HttpResponse<String> r = http.send(request(base, key, "POST", "/v1/loans/" + loans.get(i) + "/repayments",
                    bodies.get(i)), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("borrower %d again (seed %d): %s", i, seed, r.body()).isIn(200, 201);
            if (acknowledged[i]) {
                assertThat(r.statusCode()).as("borrower %d was acknowledged before the kill", i).isEqualTo(200);
            }
            before += r.statusCode() == 200 ? 1 : 0;
            JsonNode loan = call(base, key, "GET", "/v1/loans/" + loans.get(i), null, 200);
            JsonNode first = loan.get("schedule").get(0);
            long principal = fen(first.get("principal").asText());
            long penalty = 3 * LoanSchedule.dailyPenalty(principal, rate);
            assertThat(loan.get("repayments")).as("borrower %d (seed %d)", i, seed).hasSize(1);
            assertThat(first.get("state").asText()).isEqualTo("paid");
            assertThat(fen(first.get("penalty_paid").asText())).as("borrower %d: three days of penalty", i)
                    .isEqualTo(penalty);
            assertThat(owed[i]).isEqualTo(principal + fen(first.get("interest").asText()) + penalty);
            assertThat(fen(call(base, key, "GET", "/v1/accounts/" + wallets.get(i), null, 200).get("balance").asText()))
                    .as("borrower %d's wallet", i).isEqualTo(10_000_000 + amounts.get(i) - owed[i]);
            exposure += amounts.get(i) - principal;
            interest += fen(first.get("interest").asText());
            penalties += penalty;
        }
        JsonNode l = call(base, key, "GET", "/v1/lenders/" + lender, null, 200);
        assertThat(fen(l.get("exposure").asText())).isEqualTo(exposure);
        assertThat(fen(l.get("interest_received").asText())).isEqualTo(interest);
        assertThat(fen(l.get("penalties_received").asText())).isEqualTo(penalties);
        assertThat(fen(l.get("funding_available").asText())).isEqualTo(100_000_000 - exposure);
        System.out.printf("loan crash (seed %d): %d of %d repayments applied before the kill; each counted once%n",
                seed, before, borrowers);
    }

    private static String money(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private static long fen(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }

    private static void advanceTo(URI base, String key, Instant target) throws Exception {
        Instant now = Instant.parse(call(base, key, "GET", "/v1/test/clock", null, 200).get("now").asText());
        call(base, key, "POST", "/v1/test/clock/advance", "{\"seconds\":" + (target.getEpochSecond()
                - now.getEpochSecond()) + "}", 200);
    }

    private static HttpRequest request(URI base, String key, String method, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonNode call(URI base, String key, String method, String path, String body, int status)
            throws Exception {
        HttpResponse<String> r = http.send(request(base, key, method, path, body), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return json.readTree(r.body());
    }
}
