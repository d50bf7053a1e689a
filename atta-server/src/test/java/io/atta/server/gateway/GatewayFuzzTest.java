package io.atta.server.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import io.atta.server.notify.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of {@code /gateway.do}: validly signed requests of every state-changing method,
 * mutated so that none is validly signed any more, sent as GET or POST in many encodings. No
 * answer may be a server error or a success, and the ledger must not change. Run again with
 * {@code -Dgateway.fuzz.seed=<seed>} to repeat a failure.
 */
class GatewayFuzzTest {
    /** Requests per run; {@code -Dgateway.fuzz.requests} runs longer. */
    static final int requests = Integer.getInteger("gateway.fuzz.requests", 2_000);
    /** How often the full fingerprint (with the cluster's invariants) is compared. */
    static final int fullCheckEvery = 100;
    /** Jetty's limit on a request's headers, the request line included (its 431 may come while we still send). */
    static final int maxRequestLineBytes = 8 * 1024;
    /** The status counted for a connection the server closed before our request was sent. */
    static final int closedEarly = 0;
    private static final String success = "\"code\":\"10000\"";

    @TempDir
    Path dir;
    private GatewayServer s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    /** The requests to mutate: each would change the ledger if it were sent as it is. */
    private Map<String, Supplier<Map<String, String>>> bases(GatewayServer.App app, GatewayServer.Buyer buyer) {
        Map<String, Supplier<Map<String, String>>> b = new LinkedHashMap<>();
        b.put("pay", () -> signed(app, "alipay.trade.pay", "{\"out_trade_no\":\"fz-pay\",\"scene\":\"bar_code\","
                + "\"auth_code\":\"" + s.authCode(buyer) + "\",\"subject\":\"茶壶\",\"total_amount\":\"1.00\"}"));
        b.put("precreate", () -> signed(app, "alipay.trade.precreate",
                "{\"out_trade_no\":\"fz-pre\",\"subject\":\"A teapot\",\"total_amount\":\"2.00\"}"));
        b.put("create", () -> signed(app, "alipay.trade.create", "{\"out_trade_no\":\"fz-create\",\"subject\":"
                + "\"A teapot\",\"total_amount\":\"2.50\",\"buyer_id\":\"" + buyer.id() + "\"}"));
        b.put("refund", () -> signed(app, "alipay.trade.refund",
                "{\"out_trade_no\":\"fz-paid\",\"refund_amount\":\"0.50\",\"out_request_no\":\"fz-r1\"}"));
        b.put("close", () -> signed(app, "alipay.trade.close", "{\"out_trade_no\":\"fz-open\"}"));
        b.put("cancel", () -> signed(app, "alipay.trade.cancel", "{\"out_trade_no\":\"fz-paid\"}"));
        b.put("page.pay", () -> signed(app, "alipay.trade.page.pay", "{\"out_trade_no\":\"fz-page\",\"subject\":"
                + "\"A teapot\",\"total_amount\":\"3.00\",\"product_code\":\"FAST_INSTANT_TRADE_PAY\"}"));
        return b;
    }

    private static Map<String, String> signed(GatewayServer.App app, String method, String biz) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("app_id", app.appId());
        p.put("method", method);
        p.put("format", "json");
        p.put("charset", "utf-8");
        p.put("sign_type", "RSA2");
        p.put("timestamp", GatewayTime.format(Instant.now()));
        p.put("version", "1.0");
        p.put("notify_url", "http://127.0.0.1:9/notify");
        p.put("biz_content", biz);
        try {
            p.put("sign", AlipaySignature.rsaSign(AlipaySignature.getSignContent(p), TestKeys.appPrivateBase64(),
                    "utf-8", "RSA2"));
        } catch (AlipayApiException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    /** What a user of the ledger would see change: balances, the merchant's trades, and (full) the invariants. */
    private String fingerprint(GatewayServer.App app, GatewayServer.Buyer buyer, List<String> accounts, boolean full) {
        StringBuilder f = new StringBuilder();
        for (String a : accounts) {
            f.append(a).append('=').append(s.balance(a)).append('\n');
        }
        f.append(s.call("GET", "/v1/trades?seller=" + app.merchantId() + "&limit=100", null, 200)).append('\n');
        if (full) {
            // Less the time the report was made at.
            f.append(((com.fasterxml.jackson.databind.node.ObjectNode) s.call("GET", "/v1/admin/invariants", null,
                    200)).without("at").toString());
        }
        return f.toString();
    }

    /** A status and body as the server sent them. */
    private record Answer(int status, String body) {
    }

    /**
     * Sends {@code m} over a plain socket, byte for byte: an HTTP client would refuse to send a
     * malformed percent-escape or a raw byte beyond ASCII in the request line.
     */
    private Answer send(MutatedRequest m) {
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.writeBytes((m.httpMethod() + " /gateway.do" + (m.rawQuery().isEmpty() ? "" : "?" + m.rawQuery())
                    + " HTTP/1.0\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (m.contentType() != null) {
                req.writeBytes(("Content-Type: " + m.contentType() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            if (m.httpMethod().equals("POST")) {
                req.writeBytes(("Content-Length: " + m.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            req.writeBytes(m.body());
            String answer;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(req.toByteArray());
                out.flush();
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException closed) {
                // The HTTP server answers a request line longer than its limit at once and hangs up.
                assertThat(m.rawQuery().length()).as("the server hung up on %s: %s", m.what(), closed)
                        .isGreaterThan(maxRequestLineBytes);
                return new Answer(closedEarly, "");
            }
            int headersEnd = answer.indexOf("\r\n\r\n");
            String statusLine = answer.substring(0, Math.max(0, answer.indexOf("\r\n")));
            assertThat(statusLine).as("the status line answering %s", m.what()).startsWith("HTTP/1.");
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]),
                    headersEnd < 0 ? "" : answer.substring(headersEnd + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(m.what(), e);
        }
    }

    @Test
    void no_mutated_request_fails_the_server_succeeds_or_changes_the_ledger() throws Exception {
        long seed = Long.getLong("gateway.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        s = GatewayServer.start(dir, GatewayOptions.standard);
        GatewayServer.App app = s.app("Fuzzed shop");
        GatewayServer.Buyer buyer = s.buyer("100.00");
        JsonAccounts merchant = JsonAccounts.of(s.call("GET", "/v1/merchants/" + app.merchantId(), null, 200));
        List<String> accounts = List.of(buyer.wallet(), merchant.wallet(), merchant.settlement());
        // A paid trade to refund and cancel, and an open one to close.
        AlipayTradePayRequest pay = new AlipayTradePayRequest();
        pay.setBizContent("{\"out_trade_no\":\"fz-paid\",\"auth_code\":\"" + s.authCode(buyer)
                + "\",\"subject\":\"A teapot\",\"total_amount\":\"20.00\"}");
        assertThat(app.client().execute(pay).isSuccess()).isTrue();
        AlipayTradePrecreateRequest open = new AlipayTradePrecreateRequest();
        open.setBizContent("{\"out_trade_no\":\"fz-open\",\"subject\":\"A teapot\",\"total_amount\":\"5.00\"}");
        assertThat(app.client().execute(open).isSuccess()).isTrue();

        Map<String, Supplier<Map<String, String>>> bases = bases(app, buyer);
        List<String> names = List.copyOf(bases.keySet());
        String before = fingerprint(app, buyer, accounts, true);
        String beforeLight = fingerprint(app, buyer, accounts, false);
        Deque<String> recent = new ArrayDeque<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int protocolAnswers = 0;
        long started = System.nanoTime();
        try {
            Map<String, Map<String, String>> signed = new LinkedHashMap<>();
            for (int i = 0; i < requests; i++) {
                String name = names.get(random.nextInt(names.size()));
                if (i % 200 == 0) {
                    signed.clear(); // fresh timestamps and payment codes
                }
                Map<String, String> base = signed.computeIfAbsent(name, n -> bases.get(n).get());
                MutatedRequest m = MutatedRequest.of(base, random);
                recent.addLast("#" + i + " " + name + ": " + m.what());
                if (recent.size() > 10) {
                    recent.removeFirst();
                }
                Answer r = send(m);
                statuses.merge(r.status(), 1, Integer::sum);
                // The gateway answers 200, or for page methods the buyer's HTML error page (400).
                if (r.status() == 200 || r.status() == 400 && r.body().contains("This payment cannot be made")) {
                    protocolAnswers++;
                }
                assertThat(r.status()).as("status of %s: %s", m.what(), r.body()).isLessThan(500);
                assertThat(r.body()).as("answer to %s", m.what()).doesNotContain(success)
                        .doesNotContain("isp.unknow-error");
                if (i % 10 == 9) {
                    assertThat(fingerprint(app, buyer, accounts, false)).as("after %s", recent)
                            .isEqualTo(beforeLight);
                }
                if (i % fullCheckEvery == fullCheckEvery - 1) {
                    assertThat(fingerprint(app, buyer, accounts, true)).as("after %s", recent).isEqualTo(before);
                }
            }
            assertThat(fingerprint(app, buyer, accounts, true)).isEqualTo(before);
            System.out.printf("gateway fuzz: %d requests in %d ms, seed %d, statuses %s%n", requests,
                    (System.nanoTime() - started) / 1_000_000, seed, statuses);
            // Only a request the HTTP server cannot parse (raw bytes or an over-long request line, about 5-10 %) gets no
            // protocol answer.
            assertThat(protocolAnswers).as("protocol answers among %s", statuses).isGreaterThan(requests * 8 / 10);

            // The control: each request as signed changes the ledger, so the mutated ones were refused.
            for (String name : names) {
                MutatedRequest valid = new MutatedRequest("POST", "", form(bases.get(name).get()),
                        "application/x-www-form-urlencoded;charset=utf-8", name);
                Answer r = send(valid);
                assertThat(r.status() == 302 || r.body().contains(success)).as("%s: %s %s", name,
                        r.status(), r.body()).isTrue();
            }
            Await.until("the trades of the valid requests are listed", () -> fingerprint(app, buyer, accounts,
                    false), f -> !f.equals(beforeLight));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("gateway fuzz failed with seed " + seed + " (-Dgateway.fuzz.seed=" + seed
                    + "); the last requests: " + recent, e);
        }
    }

    private static byte[] form(Map<String, String> p) {
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The merchant's own accounts, as {@code GET /v1/merchants/{id}} names them. */
    private record JsonAccounts(String wallet, String settlement) {
        static JsonAccounts of(com.fasterxml.jackson.databind.JsonNode m) {
            return new JsonAccounts(m.get("wallet_account_id").asText(), m.get("settlement_account_id").asText());
        }
    }
}
