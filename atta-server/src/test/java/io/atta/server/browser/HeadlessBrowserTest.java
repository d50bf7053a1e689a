package io.atta.server.browser;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness on real sockets: a form served by one server, submitted in headless chromium, a
 * 303 to a second server, and the browser landing there with the values the user typed.
 */
class HeadlessBrowserTest {
    private static final String formPage = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Form</title></head>
            <body>
              <form method="post" action="/submit">
                <label>Name <input id="name" name="name"></label>
                <label>Note <input id="note" name="note"></label>
                <button id="send" type="submit">Send</button>
              </form>
            </body></html>
            """;

    private static Javalin formServer;
    private static Javalin landingServer;
    private static final AtomicReference<String> landedQuery = new AtomicReference<>();
    private static HeadlessBrowser browser;

    @BeforeAll
    static void start() {
        landingServer = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/landed", ctx -> {
                    landedQuery.set(ctx.queryString());
                    ctx.html("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Landed</title></head>"
                            + "<body><h1 id=\"landed\">Landed</h1></body></html>");
                })
                .start("127.0.0.1", 0);
        String landing = "http://127.0.0.1:" + landingServer.port() + "/landed";
        formServer = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/", ctx -> ctx.html(formPage))
                .post("/submit", ctx -> ctx.redirect(landing + "?name=" + encode(ctx.formParam("name"))
                        + "&note=" + encode(ctx.formParam("note")) + "&status=ok", HttpStatus.SEE_OTHER))
                .start("127.0.0.1", 0);
        browser = HeadlessBrowser.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (formServer != null) {
                formServer.stop();
            }
            if (landingServer != null) {
                landingServer.stop();
            }
        }
    }

    @Test
    void submittedFormFollowsTheRedirectWithTheTypedValuesEncoded() {
        String name = "张三 O'Brien";
        String note = "a+b=c&d 100% #1 ¥";
        browser.open("http://127.0.0.1:" + formServer.port() + "/");
        browser.type(By.id("name"), name);
        browser.type(By.id("note"), note);
        browser.click(By.id("send"));

        String url = browser.awaitUrlStartingWith("http://127.0.0.1:" + landingServer.port() + "/landed?");
        assertThat(browser.find(By.id("landed")).getText()).isEqualTo("Landed");
        Map<String, String> expected = Map.of("name", name, "note", note, "status", "ok");
        assertThat(QueryParams.of(url)).isEqualTo(expected);
        assertThat(QueryParams.parse(landedQuery.get())).isEqualTo(expected);
        // '+' and '&' in a value reach the server escaped, not as a space or a new parameter.
        assertThat(landedQuery.get()).contains("a%2Bb%3Dc%26d");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
