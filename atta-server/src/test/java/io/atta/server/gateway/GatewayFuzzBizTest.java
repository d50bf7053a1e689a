package io.atta.server.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.response.AlipayTradePayResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of {@code /gateway.do} behind a valid signature: every method with random
 * {@code biz_content} fields (wrong types, odd amounts, unknown trades, stale or foreign payment
 * codes, bad durations) and random {@code notify_url}/{@code return_url}, signed in UTF-8 or
 * GBK. Whatever the request, the server must answer with the protocol (never a 5xx, never
 * {@code isp.unknow-error}, which is a caught exception) and the ledger must stay consistent.
 * Run again with {@code -Dgateway.fuzz.seed=<seed>}.
 */
class GatewayFuzzBizTest {
    /** Requests per run; {@code -Dgateway.fuzz.requests} runs longer. */
    static final int requests = Integer.getInteger("gateway.fuzz.requests", 1_000);
    /** Payment codes live a minute: a fresh one is fetched this often. */
    static final long codeRefreshNanos = 20_000_000_000L;
    private static final String[] methods = {"alipay.trade.pay", "alipay.trade.precreate", "alipay.trade.create",
        "alipay.trade.query", "alipay.trade.refund", "alipay.trade.fastpay.refund.query", "alipay.trade.close",
        "alipay.trade.cancel", "alipay.trade.page.pay", "alipay.trade.wap.pay", "alipay.trade.app.pay"};
    private static final String[] amounts = {"0.01", "1.00", "10", "-1", "0", "0.001", "1e3", "100000000.00",
        "100000000.01", "99999999999999999999.99", "NaN", "１.００", " 1.00", "1.00 ", "", "abc", "1.", ".5",
        "+1.00", "0x10", "1,00", "9223372036854775807", "92233720368547758.08"};
    private static final String[] durations = {"90m", "1m", "0m", "15d", "16d", "1c", "-5m", "m", "",
        "99999999999999999999m", "9223372036854775807h", "1.5h", "1H", "10s", "２m", "1440m"};
    private static final String[] urls = {"http://127.0.0.1:9/notify", "https://shop.example/return",
        "javascript:alert(1)", "ftp://x/y", "http://", "http://[::1", "//no-scheme/x", "http://a b/",
        "http://127.0.0.1:9/n?x=%ZZ", "http://x/" + "a".repeat(3000), "mailto:a@b", "http://例子.测试/", ""};

    /** The answer's sub_code, or its code when it succeeded. */
    private static final Pattern answerCode = Pattern.compile("\"sub_code\":\"([^\"]+)\"|\"code\":\"(10000)\"");

    @TempDir
    Path dir;
    private GatewayServer s;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void signed_requests_with_random_business_content_get_protocol_answers_and_keep_the_ledger_consistent()
            throws Exception {
        long seed = Long.getLong("gateway.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        s = GatewayServer.start(dir, GatewayOptions.standard);
        GatewayServer.App app = s.app("Fuzzed shop");
        GatewayServer.App other = s.app("Another shop");
        GatewayServer.Buyer buyer = s.buyer("1000.00");
        AlipayTradePayRequest pay = new AlipayTradePayRequest();
        pay.setBizContent("{\"out_trade_no\":\"fz-paid\",\"auth_code\":\"" + s.authCode(buyer)
                + "\",\"subject\":\"A teapot\",\"total_amount\":\"20.00\"}");
        AlipayTradePayResponse paid = app.client().execute(pay);
        assertThat(paid.isSuccess()).isTrue();
        String paidNo = paid.getTradeNo();
        AlipayTradePrecreateRequest open = new AlipayTradePrecreateRequest();
        open.setBizContent("{\"out_trade_no\":\"fz-open\",\"subject\":\"A teapot\",\"total_amount\":\"5.00\"}");
        assertThat(app.client().execute(open).isSuccess()).isTrue();
        String[] outTradeNos = {"fz-paid", "fz-open", "fz-a", "fz-b", "fz-c", "", " ", "fz\u0000", "x".repeat(65),
            "订单-1"};
        String[] tradeNos = {paidNo, "1", "0", "-1", "99999999999999999999", "abc", ""};
        String[] freshCode = {s.authCode(buyer)};
        long codeAt = System.nanoTime();

        Map<String, Supplier<String>> fields = new LinkedHashMap<>();
        fields.put("out_trade_no", () -> quoted(mostly(random, outTradeNos)));
        fields.put("trade_no", () -> quoted(pick(random, tradeNos)));
        fields.put("total_amount", () -> quoted(mostly(random, amounts)));
        fields.put("refund_amount", () -> quoted(mostly(random, amounts)));
        fields.put("subject", () -> quoted(random.nextBoolean() ? "茶壶" : "s".repeat(random.nextInt(300))));
        fields.put("auth_code", () -> quoted(random.nextBoolean() ? freshCode[0] : "28" + random.nextLong()));
        fields.put("scene", () -> quoted(random.nextBoolean() ? "bar_code" : "face_code"));
        fields.put("buyer_id", () -> quoted(random.nextBoolean() ? buyer.id() : random.nextBoolean()
                ? other.merchantId() : Long.toString(random.nextLong())));
        fields.put("out_request_no", () -> quoted(random.nextBoolean() ? "r-" + random.nextInt(4)
                : mostly(random, outTradeNos)));
        fields.put("refund_reason", () -> quoted("r".repeat(random.nextInt(600))));
        fields.put("timeout_express", () -> quoted(mostly(random, durations)));
        fields.put("product_code", () -> quoted(random.nextBoolean() ? "FAST_INSTANT_TRADE_PAY" : "QUICK_MSECURITY_PAY"));
        fields.put("time_expire", () -> quoted(random.nextBoolean() ? "2030-01-01 00:00:00" : "yesterday"));
        List<String> names = List.copyOf(fields.keySet());

        Deque<String> recent = new ArrayDeque<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> answers = new TreeMap<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < requests; i++) {
                if (System.nanoTime() - codeAt > codeRefreshNanos) {
                    freshCode[0] = s.authCode(buyer);
                    codeAt = System.nanoTime();
                }
                String method = pick(random, methods);
                StringBuilder biz = new StringBuilder("{");
                for (String name : names) {
                    if (random.nextInt(10) < 6) {
                        biz.append(biz.length() > 1 ? "," : "").append('"').append(name).append("\":")
                                .append(random.nextInt(8) == 0 ? anyJson(random) : fields.get(name).get());
                    }
                }
                biz.append('}');
                Charset charset = random.nextInt(4) == 0 ? Charset.forName("GBK") : StandardCharsets.UTF_8;
                Map<String, String> p = new TreeMap<>();
                p.put("app_id", random.nextInt(10) == 0 ? other.appId() : app.appId());
                p.put("method", method);
                p.put("format", "json");
                p.put("charset", charset == StandardCharsets.UTF_8 ? "utf-8" : "gbk");
                p.put("sign_type", "RSA2");
                p.put("timestamp", GatewayTime.format(Instant.now()));
                p.put("version", "1.0");
                p.put("biz_content", biz.toString());
                if (random.nextBoolean()) {
                    p.put("notify_url", mostly(random, urls));
                }
                if (random.nextInt(4) == 0) {
                    p.put("return_url", mostly(random, urls));
                }
                p.put("sign", AlipaySignature.rsaSign(AlipaySignature.getSignContent(p), TestKeys.appPrivateBase64(),
                        charset.name(), "RSA2"));
                String what = "#" + i + " " + p;
                recent.addLast(what.length() > 600 ? what.substring(0, 600) + "…" : what);
                if (recent.size() > 5) {
                    recent.removeFirst();
                }
                HttpResponse<String> r = send(p, charset, random.nextBoolean());
                statuses.merge(r.statusCode(), 1, Integer::sum);
                boolean page = PageMethods.isPage(method);
                assertThat(r.statusCode()).as("status of %s: %s", what, r.body())
                        .isIn(page ? List.of(200, 302, 400) : List.of(200));
                assertThat(r.body()).as("answer to %s", what).doesNotContain("isp.unknow-error");
                Matcher code = answerCode.matcher(r.body());
                answers.merge(r.statusCode() == 302 ? "302" : code.find() ? (code.group(1) != null ? code.group(1) : code.group(2)) : "-", 1, Integer::sum);
            }
            JsonNode invariants = s.call("GET", "/v1/admin/invariants", null, 200);
            assertThat(invariants.get("ok").asBoolean()).as("%s", invariants).isTrue();
            System.out.printf("gateway biz fuzz: %d requests in %d ms, seed %d, statuses %s, answers %s%n",
                    requests, (System.nanoTime() - started) / 1_000_000, seed, statuses, answers);
            assertThat(answers.getOrDefault("10000", 0)).as("successes among %s", answers).isPositive();
        } catch (AssertionError | RuntimeException | AlipayApiException e) {
            throw new AssertionError("gateway biz fuzz failed with seed " + seed + " (-Dgateway.fuzz.seed=" + seed
                    + "); the last requests: " + recent, e);
        }
    }

    /** As the SDK sends it (protocol parameters in the query, biz_content in the form), or all in the form. */
    private HttpResponse<String> send(Map<String, String> p, Charset charset, boolean bizInBody) throws Exception {
        StringBuilder query = new StringBuilder();
        StringBuilder form = new StringBuilder();
        p.forEach((k, v) -> {
            StringBuilder to = !bizInBody || k.equals("biz_content") ? form : query;
            to.append(to.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, charset));
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.base() + "/gateway.do"
                        + (query.length() == 0 ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=" + charset.name())
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.US_ASCII)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Half the time the first (a valid value), else any of {@code from}: deep enough to reach the methods. */
    private static String mostly(Random random, String[] from) {
        return random.nextBoolean() ? from[0] : pick(random, from);
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String anyJson(Random random) {
        String[] any = {"null", "true", "1", "-0", "1.5", "1e400", "-1e-400", "{}", "[]", "[\"1.00\"]",
            "{\"a\":1}", "\"\\ud800\"", "\"\\u0000\"", "12345678901234567890123"};
        return pick(random, any);
    }
}
