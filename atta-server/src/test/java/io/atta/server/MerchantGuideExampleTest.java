package io.atta.server;

import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complete example of docs/ALIPAY.md, compiled from the guide as it is written and run
 * against a real server: a merchant with an app, a funded buyer and the buyer's payment code.
 * A change to the gateway or the guide that breaks what merchants copy fails here.
 */
class MerchantGuideExampleTest {
    static final Path guide = Path.of("..", "docs", "ALIPAY.md");
    static final String marker = "<!-- example: MerchantQuickstart -->";
    static final String className = "MerchantQuickstart";

    @Test
    void theGuidesQuickstartRunsAgainstARealServer(@TempDir Path classes) throws Throwable {
        Class<?> quickstart = compile(exampleSource(), classes);
        try (ApiFixture f = ApiFixture.inMemory(1);
             URLClassLoader loader = (URLClassLoader) quickstart.getClassLoader()) {
            TradeCalls.Merchant m = new TradeCalls(f).merchant("Tea House");
            KeyPair keys = rsa2048();
            HttpApi.Reply app = f.api.post("/v1/merchants/" + m.id() + "/apps", m.apiKey(),
                    "{\"public_key\":\"" + base64(keys.getPublic().getEncoded()) + "\"}");
            assertThat(app.status()).as(app.toString()).isEqualTo(201);
            String gatewayUrl = app.body().get("gateway_url").asText();
            String appId = app.body().get("app_id").asText();
            String appPrivateKey = base64(keys.getPrivate().getEncoded());
            String alipayPublicKey = app.body().get("alipay_public_key").asText();
            NewUser buyer = f.createFundedUser("100.00");
            JsonNode code = TradeCalls.ok(f.api.get("/v1/users/" + buyer.id() + "/payment-code", buyer.token()));

            String out = run(quickstart, gatewayUrl, appId, appPrivateKey, alipayPublicKey,
                    code.get("auth_code").asText());

            // The server runs in this JVM and logs to the same stdout (logback-test.xml's pattern
            // starts with the time): what the example printed is every other line.
            List<String> lines = out.lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")).toList();
            assertThat(lines).hasSize(5);
            assertThat(lines.get(0)).matches("precreate out_trade_no=qr-\\d+ qr_code=http://127\\.0\\.0\\.1:"
                    + f.server.port() + "/cashier/\\d+");
            assertThat(lines.get(1)).matches("pay trade_no=\\d+ buyer_user_id=" + buyer.id() + " total_amount=88\\.88");
            assertThat(lines.get(2)).isEqualTo("query trade_status=TRADE_SUCCESS total_amount=88.88");
            assertThat(lines.get(3)).isEqualTo("refund fund_change=Y refund_fee=10.00");
            assertThat(lines.get(4)).isEqualTo("refund.query refund_status=REFUND_SUCCESS refund_amount=10.00");

            // What the example did is what the platform holds.
            String tradeNo = field(lines.get(1), "trade_no");
            JsonNode trade = TradeCalls.ok(f.api.get("/v1/trades/" + tradeNo, adminKey));
            assertThat(trade.get("status").asText()).isEqualTo("TRADE_SUCCESS");
            assertThat(trade.get("amount").asText()).isEqualTo("88.88");
            assertThat(trade.get("refunded").asText()).isEqualTo("10.00");
            assertThat(trade.get("buyer_user_id").asText()).isEqualTo(buyer.id());
            assertThat(f.balance(buyer.wallet())).isEqualTo("21.12");

            DefaultAlipayClient client = new DefaultAlipayClient(gatewayUrl, appId, appPrivateKey, "json", "utf-8",
                    alipayPublicKey, "RSA2");
            AlipayTradeQueryModel which = new AlipayTradeQueryModel();
            which.setOutTradeNo(field(lines.get(0), "out_trade_no"));
            AlipayTradeQueryRequest query = new AlipayTradeQueryRequest();
            query.setBizModel(which);
            AlipayTradeQueryResponse qr = client.execute(query);
            assertThat(qr.isSuccess()).as(qr.getBody()).isTrue();
            assertThat(qr.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
            assertThat(qr.getTotalAmount()).isEqualTo("9.90");
        }
    }

    /** The fenced java block right after the marker in the guide. */
    static String exampleSource() throws Exception {
        String text = Files.readString(guide, StandardCharsets.UTF_8);
        int at = text.indexOf(marker);
        assertThat(at).as(guide + " has " + marker).isGreaterThanOrEqualTo(0);
        assertThat(text.indexOf(marker, at + 1)).as("one " + marker).isLessThan(0);
        Matcher block = Pattern.compile("\\A\\s*```java\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(text.substring(at + marker.length()));
        assertThat(block.find()).as("a ```java block right after " + marker).isTrue();
        return block.group(1);
    }

    /** Compiles {@code source} as it is, against the test classpath, and loads it. */
    private static Class<?> compile(String source, Path classes) throws Exception {
        Path file = classes.resolve("src").resolve(className + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler (tests run on a JDK)").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjects(file)).call();
            assertThat(compiled).as("the guide's example compiles: " + diagnostics.getDiagnostics()).isTrue();
        }
        URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()},
                MerchantGuideExampleTest.class.getClassLoader());
        return loader.loadClass(className);
    }

    /** Runs {@code main(args)} and returns what it printed. */
    private static String run(Class<?> program, String... args) throws Throwable {
        Method main = program.getMethod("main", String[].class);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw new AssertionError("the guide's example failed; it printed:\n"
                    + printed.toString(StandardCharsets.UTF_8), e.getCause());
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** The value of {@code name=} in a printed line. */
    private static String field(String line, String name) {
        Matcher m = Pattern.compile("(?:^| )" + Pattern.quote(name) + "=(\\S+)").matcher(line);
        assertThat(m.find()).as(name + " in " + line).isTrue();
        return m.group(1);
    }

    private static KeyPair rsa2048() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
