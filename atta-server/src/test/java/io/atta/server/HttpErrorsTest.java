package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.http.JettyErrors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error is the JSON error body, Jetty's own refusals included, sent over a raw socket as a
 * broken or hostile client would send them; no message names a library or repeats its text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpErrorsTest {
    private ApiFixture f;
    private InMemoryLedgerService ledger;

    @BeforeAll
    void start() {
        f = ApiFixture.inMemory(1);
        ledger = (InMemoryLedgerService) f.service;
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    /** A raw HTTP answer: status line, headers (lower-case names) and body. */
    private record Raw(int status, Map<String, String> headers, String body) {
        JsonNode error() {
            try {
                return HttpApi.json.readTree(body).path("error");
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    private Raw send(String request) {
        try (Socket s = new Socket("127.0.0.1", f.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(readAnswer(s.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("sending " + request.lines().findFirst().orElse(""), e);
        }
    }

    /** Reads one answer: its headers, then Content-Length bytes (or to the end when none is given). */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        int length = -1;
        for (String line : headText.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        return headText + new String(body, StandardCharsets.UTF_8);
    }

    private static Raw parse(String text) {
        int split = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, split).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(split + 4));
    }

    private static String get(String target, String... headers) {
        return request("GET", target, "", headers);
    }

    private static String request(String method, String target, String body, String... headers) {
        StringBuilder r = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nAuthorization: Bearer " + adminKey + "\r\n");
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        if (!method.equals("GET")) {
            r.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        return r.append("\r\n").append(body).toString();
    }

    /** The answer is {@code status} with the JSON error body, {@code code}, in plain words. */
    private static Raw assertError(Raw r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).as(r.toString()).startsWith("application/json");
        JsonNode error = r.error();
        assertThat(error.path("code").asText()).as(r.toString()).isEqualTo(code);
        String message = error.path("message").asText();
        assertThat(message).as(r.toString()).isNotBlank()
                .doesNotContainIgnoringCase("jetty").doesNotContainIgnoringCase("jackson")
                .doesNotContainIgnoringCase("javalin").doesNotContain("java.").doesNotContain("Exception")
                .doesNotContain("<");
        return r;
    }

    @Test
    void badPercentEncodingInThePathIsAJson400() {
        assertError(send(get("/v1/users/%zz")), 400, "bad_request");
        // Jetty decodes an overlong UTF-8 sequence leniently; the id is then refused by name.
        Raw overlong = send(get("/v1/users/%e0%80"));
        assertThat(overlong.status()).isEqualTo(400);
        assertThat(overlong.error().path("field").asText()).isEqualTo("id");
    }

    @Test
    void badPercentEncodingInTheQueryIsAJson400() {
        Raw r = send(get("/v1/trades?seller=%zz"));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.headers().get("content-type")).startsWith("application/json");
        assertThat(r.error().path("message").asText()).doesNotContain("Exception");
    }

    @Test
    void aRequestLineOverTheLimitIs414NamingIt() {
        Raw r = assertError(send(get("/v1/users/" + "1".repeat(JettyErrors.maxRequestHeaderBytes))), 414,
                "uri_too_long");
        assertThat(r.error().path("message").asText()).contains("maxRequestHeaderBytes", "8192");
    }

    @Test
    void headersOverTheLimitAre431NamingIt() {
        Raw r = assertError(send(get("/health", "X-Padding: " + "p".repeat(JettyErrors.maxRequestHeaderBytes))), 431,
                "headers_too_large");
        assertThat(r.error().path("message").asText()).contains("maxRequestHeaderBytes");
    }

    @Test
    void malformedRequestsAreJson400s() {
        assertError(send("GARBAGE\r\n\r\n"), 400, "bad_request");
        assertError(send("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, "bad_request");
        assertError(send("POST /v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\nConnection: close\r\n\r\n"),
                400, "bad_request");
        assertError(send("GET /health HTTP/7.0\r\nHost: x\r\nConnection: close\r\n\r\n"), 505,
                "http_version_not_supported");
    }

    @Test
    void aBrokenChunkedBodyIsA400NotAServerError() {
        long submissions = ledger.submissions();
        Raw r = send("POST /v1/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + adminKey + "\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertError(r, 400, "bad_request");
        assertThat(ledger.submissions()).isEqualTo(submissions);
    }

    @Test
    void aKnownPathWithTheWrongMethodIs405WithAnAllowHeader() {
        Raw delete = assertError(send(request("DELETE", "/v1/users", "")), 405, "method_not_allowed");
        assertThat(delete.headers().get("allow")).isEqualTo("GET, POST");
        Raw get = assertError(send(get("/v1/transfers")), 405, "method_not_allowed");
        assertThat(get.headers().get("allow")).isEqualTo("POST");
        assertThat(get.error().path("message").asText()).contains("GET is not allowed on /v1/transfers", "POST");

        Raw put = assertError(send(request("PUT", "/v1/users/12", "{}")), 405, "method_not_allowed");
        assertThat(put.headers().get("allow")).contains("GET");
        Raw gateway = assertError(send(request("PUT", "/gateway.do", "")), 405, "method_not_allowed");
        assertThat(gateway.headers().get("allow")).contains("GET", "POST");

        assertError(send(get("/v1/no-such-thing")), 404, "not_found");
    }

    @Test
    void aBodyDeclaredAsSomethingOtherThanJsonIs415() {
        long submissions = ledger.submissions();
        String user = "{\"currency\":\"CNY\"}";
        assertThat(assertError(send(request("POST", "/v1/users", user, "Content-Type: text/xml")), 415,
                "unsupported_media_type").error().path("message").asText()).contains("application/json", "text/xml");
        assertError(send(request("POST", "/v1/users", user, "Content-Type: application/json; charset=iso-8859-1")),
                415, "unsupported_media_type");
        assertThat(assertError(send(request("POST", "/v1/users", user, "Content-Encoding: gzip")), 415,
                "unsupported_media_type").error().path("message").asText()).contains("gzip");
        assertThat(ledger.submissions()).isEqualTo(submissions);

        // JSON, and curl -d's default type (the body is read as JSON either way), are served.
        assertThat(send(request("POST", "/v1/users", user, "Content-Type: application/json; charset=UTF-8")).status())
                .isEqualTo(201);
        assertThat(send(request("POST", "/v1/users", user, "Content-Type: application/x-www-form-urlencoded"))
                .status()).isEqualTo(201);
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead() {
        Raw r = send("POST /v1/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + adminKey + "\r\n"
                + "Content-Length: 999999999\r\nConnection: close\r\n\r\n{}");
        assertThat(assertError(r, 413, "body_too_large").error().path("message").asText()).contains("maxRequestBytes");
    }

    @Test
    void invalidJsonIsDescribedInPlainWordsWithItsPlace() {
        Raw r = assertError(send(request("POST", "/v1/users", "{\"currency\":}")), 400, "invalid_json");
        assertThat(r.error().path("message").asText()).contains("not valid JSON", "line 1, column")
                .doesNotContain("code 125").doesNotContain("token");
        Raw cut = assertError(send(request("POST", "/v1/users", "{\"currency\":\"CN")), 400, "invalid_json");
        assertThat(cut.error().path("message").asText()).contains("ends before");
    }
}
