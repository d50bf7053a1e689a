package io.atta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.TimeUnit;

/**
 * A real two-shard server on the test clock is killed with SIGKILL while the fund manager
 * publishes a month of daily incomes (the kill lands a random moment after a publication is
 * sent: before, during or after its posting). Restarted, the manager publishes every day again
 * (each answers ok or exists) and every holder's units are exactly its subscription compounded
 * by the exact rule once per day: no day is posted twice or lost.
 */
class FundCrashIT {
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());
    private static final int holders = 40;
    private static final int days = 30;
    private static final ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper json = new ObjectMapper();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void everyDayIsPostedExactlyOnceAfterAKillDuringPosting() throws Exception {
        RestartableServer.runSeeded("FundCrashIT", seed, tmp.resolve("data"), 2,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                List.of("--test-clock", "--settlement-interval", "0"), this::crashAndCheck);
    }

    private void crashAndCheck(RestartableServer server) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        server.startClean();
        URI base = server.baseUri();
        String key = server.adminKey();
        String manager = call(base, key, "POST", "/v1/users", "{\"currency\":\"CNY\"}", 201).get("user_id").asText();
        JsonNode fund = call(base, key, "POST", "/v1/funds", "{\"code\":\"YEB\",\"name\":\"Yu'e Bao\",\"currency\":"
                + "\"CNY\",\"manager_user_id\":\"" + manager + "\"}", 201);
        LocalDate start = LocalDate.parse(fund.get("start_date").asText());
        List<String> users = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        List<LocalDate> confirms = new ArrayList<>();
        for (int i = 0; i < holders; i++) {
            String user = call(base, key, "POST", "/v1/users", "{\"currency\":\"CNY\"}", 201).get("user_id").asText();
            call(base, key, "POST", "/v1/users/" + user + "/topup", "{\"amount\":\"99999.99\",\"currency\":\"CNY\","
                    + "\"request_id\":\"t" + i + "\"}", 200);
            long fen = 1_000_000 + random.nextLong(8_000_000);
            JsonNode sub = call(base, key, "POST", "/v1/funds/YEB/subscriptions", "{\"user_id\":\"" + user
                    + "\",\"amount\":\"" + BigDecimal.valueOf(fen, 2) + "\",\"request_id\":\"s" + i + "\"}", 201);
            confirms.add(LocalDate.parse(sub.get("confirm_date").asText()));
            users.add(user);
            amounts.add(fen);
        }
        Instant now = Instant.parse(call(base, key, "GET", "/v1/test/clock", null, 200).get("now").asText());
        Instant target = start.plusDays(days + 1).atStartOfDay(shanghai).toInstant().plusSeconds(3600);
        call(base, key, "POST", "/v1/test/clock/advance", "{\"seconds\":" + (target.getEpochSecond()
                - now.getEpochSecond()) + "}", 200);

        long[] per10k = new long[days];
        for (int d = 0; d < days; d++) {
            per10k[d] = 3_000 + random.nextInt(3_000);
        }
        int killAfter = 3 + random.nextInt(days - 6);
        for (int d = 0; d < killAfter; d++) {
            assertThat(publish(base, key, start.plusDays(d), per10k[d]).statusCode()).isEqualTo(200);
        }
        // Four publications in flight at once; the kill follows the first answer, so it lands while
        // the others are being applied (or just before or after them: the log decides).
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int d = killAfter; d < killAfter + 4; d++) {
            inFlight.add(http.sendAsync(publishRequest(base, key, start.plusDays(d), per10k[d]),
                    HttpResponse.BodyHandlers.ofString()));
        }
        java.util.concurrent.CompletableFuture.anyOf(inFlight.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                .handle((r, e) -> null).get(30, TimeUnit.SECONDS);
        server.kill();
        for (var f : inFlight) {
            f.handle((r, e) -> null).get(30, TimeUnit.SECONDS);
        }

        server.startClean();
        for (int d = 0; d < days; d++) {
            HttpResponse<String> r = publish(base, key, start.plusDays(d), per10k[d]);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            String result = json.readTree(r.body()).get("result").asText();
            if (d < killAfter || d >= killAfter + 4) {
                assertThat(result).as("day %d after the kill at %d", d, killAfter)
                        .isEqualTo(d < killAfter ? "exists" : "ok");
            }
        }
        for (int i = 0; i < holders; i++) {
            long units = amounts.get(i);
            long total = 0;
            for (int d = 0; d < days; d++) {
                if (!start.plusDays(d).isBefore(confirms.get(i))) {
                    long income = units * per10k[d] / 100_000_000L;
                    units += income;
                    total += income;
                }
            }
            JsonNode h = call(base, key, "GET", "/v1/funds/YEB/holdings/" + users.get(i), null, 200);
            assertThat(h.get("units").asText()).as("holder %d (seed %d, kill after day %d)", i, seed, killAfter)
                    .isEqualTo(BigDecimal.valueOf(units, 2).toPlainString());
            assertThat(h.get("total_income").asText()).isEqualTo(BigDecimal.valueOf(total, 2).toPlainString());
        }
        System.out.printf("fund crash (seed %d): killed after publishing day %d of %d; every day posted once%n", seed,
                killAfter, days);
    }

    private static HttpRequest publishRequest(URI base, String key, LocalDate date, long per10k) {
        return request(base, key, "POST", "/v1/funds/YEB/income", "{\"date\":\"" + date + "\",\"income_per_10k\":\""
                + BigDecimal.valueOf(per10k, 4).toPlainString() + "\"}");
    }

    private static HttpResponse<String> publish(URI base, String key, LocalDate date, long per10k) throws Exception {
        return http.send(publishRequest(base, key, date, per10k), HttpResponse.BodyHandlers.ofString());
    }

    /** A call with the admin or any key; shared with the other crash tests of a product. */
    static HttpRequest request(URI base, String key, String method, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static JsonNode call(URI base, String key, String method, String path, String body, int status)
            throws Exception {
        HttpResponse<String> r = http.send(request(base, key, method, path, body), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return json.readTree(r.body());
    }
}
