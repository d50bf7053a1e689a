package io.atta.server;

import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind is refused at the edge with a 4xx that names the field, and nothing
 * changes: no batch is submitted, no balance moves, the ids in the request stay unknown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidationTest {
    private ApiFixture f;
    private InMemoryLedgerService ledger;
    private NewUser a;
    private NewUser b;

    /**
     * One bad request. In {@code body} and {@code path}: {@code $A}/{@code $B} are the two wallets,
     * {@code $U} the first user, {@code $T} a fresh transfer id, {@code $C} a fresh account id
     * on the user's slot, {@code $V} a valid transfer item with id {@code $T}.
     */
    record Case(String path, String body, int status, String code, String field) {
        @Override
        public String toString() {
            return path + " " + body + " -> " + status + " " + code + " " + field;
        }
    }

    private static final String valid = "{\"id\":\"$T\",\"debit_account_id\":\"$A\",\"credit_account_id\":\"$B\","
            + "\"amount\":\"1.00\",\"currency\":\"CNY\"}";

    /** A batch whose second item is a valid one (id {@code $T9}) with {@code fields} added. */
    private static String second(String fields) {
        return "{\"transfers\":[$V,{\"id\":\"$T9\",\"debit_account_id\":\"$A\",\"credit_account_id\":\"$B\","
                + "\"amount\":\"1.00\",\"currency\":\"CNY\"," + fields + "}]}";
    }

    /** A batch whose second item has exactly {@code fields}. */
    private static String secondOnly(String fields) {
        return "{\"transfers\":[$V,{" + fields + "}]}";
    }

    private static Case transfers(String body, String code, String field) {
        return new Case("/v1/transfers", body, 400, code, field);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(transfers("not json", "invalid_json", null));
        c.add(transfers("[]", "invalid_json", null));
        c.add(transfers("", "invalid_json", null));
        c.add(transfers("{\"transfers\":[$V]} {}", "invalid_json", null));
        c.add(transfers("{\"transfers\":[$V", "invalid_json", null));
        c.add(transfers("{\"transfers\":[$V],\"extra\":1}", "unknown_field", "extra"));
        c.add(transfers("{}", "missing_field", "transfers"));
        c.add(transfers("{\"transfers\":null}", "missing_field", "transfers"));
        c.add(transfers("{\"transfers\":[]}", "invalid_field", "transfers"));
        c.add(transfers("{\"transfers\":{}}", "invalid_field", "transfers"));
        c.add(transfers("{\"transfers\":[$V,5]}", "invalid_field", "transfers[1]"));
        c.add(transfers(second("\"foo\":1"), "unknown_field", "transfers[1].foo"));
        c.add(transfers(second("\"id\":\"$T8\""), "invalid_json", "transfers[1].id"));
        c.add(transfers("{\"transfers\":[$V],\"transfers\":[$V]}", "invalid_json", "transfers"));
        String amount = "\"amount\":\"1.00\",\"currency\":\"CNY\"";
        String accounts = "\"debit_account_id\":\"$A\",\"credit_account_id\":\"$B\"";
        c.add(transfers(secondOnly(accounts + "," + amount), "missing_field", "transfers[1].id"));
        c.add(transfers(secondOnly("\"id\":\"$T9\",\"credit_account_id\":\"$B\"," + amount), "missing_field",
                "transfers[1].debit_account_id"));
        c.add(transfers(secondOnly("\"id\":\"$T9\",\"debit_account_id\":\"$A\"," + amount), "missing_field",
                "transfers[1].credit_account_id"));
        c.add(transfers(secondOnly("\"id\":\"$T9\"," + accounts + ",\"currency\":\"CNY\""), "missing_field",
                "transfers[1].amount"));
        c.add(transfers(secondOnly("\"id\":\"$T9\"," + accounts + ",\"amount\":\"1\""), "missing_field",
                "transfers[1].currency"));
        c.add(transfers(secondOnly("\"id\":null," + accounts + "," + amount), "missing_field", "transfers[1].id"));
        for (String id : new String[] {"5", "\"0\"", "\"-1\"", "\"abc\"", "\"9223372036854775808\"", "\"01\"",
                "\"1.5\"", "\"\"", "{\"a\":1}", "[\"1\"]"}) {
            c.add(transfers(secondOnly("\"id\":" + id + "," + accounts + "," + amount), "invalid_field",
                    "transfers[1].id"));
        }
        c.add(transfers(secondOnly("\"id\":\"$T9\",\"debit_account_id\":\"x\",\"credit_account_id\":\"$B\"," + amount),
                "invalid_field", "transfers[1].debit_account_id"));
        c.add(transfers(secondOnly("\"id\":\"$T9\",\"debit_account_id\":\"$A\",\"credit_account_id\":7," + amount),
                "invalid_field", "transfers[1].credit_account_id"));
        for (String a : new String[] {"1234", "\"-1\"", "\"0\"", "\"12.345\"", "\"1e3\"", "\"\"", "\"1.2.3\"",
                "\"abc\"", "\" 1\"", "\"99999999999999999999\""}) {
            c.add(transfers(secondOnly("\"id\":\"$T9\"," + accounts + ",\"currency\":\"CNY\",\"amount\":" + a),
                    "invalid_field", "transfers[1].amount"));
        }
        for (String cur : new String[] {"\"XYZ\"", "\"cny\"", "156"}) {
            c.add(transfers(secondOnly("\"id\":\"$T9\"," + accounts + ",\"amount\":\"1\",\"currency\":" + cur),
                    "invalid_field", "transfers[1].currency"));
        }
        c.add(transfers(second("\"flags\":[\"bogus\"]"), "invalid_field", "transfers[1].flags[0]"));
        c.add(transfers(second("\"flags\":[\"linked\",1]"), "invalid_field", "transfers[1].flags[1]"));
        c.add(transfers(second("\"flags\":\"linked\""), "invalid_field", "transfers[1].flags"));
        for (String code : new String[] {"\"1\"", "0", "1.5", "3000000000", "-1", "9000", "9101", "9999"}) {
            c.add(transfers(second("\"code\":" + code), "invalid_field", "transfers[1].code"));
        }
        for (String t : new String[] {"2592001", "-1", "\"10\""}) {
            c.add(transfers(second("\"flags\":[\"pending\"],\"timeout_seconds\":" + t), "invalid_field",
                    "transfers[1].timeout_seconds"));
        }
        c.add(transfers(second("\"user_data\":\"-1\""), "invalid_field", "transfers[1].user_data"));
        c.add(transfers(second("\"user_data\":5"), "invalid_field", "transfers[1].user_data"));
        c.add(transfers(second("\"pending_id\":\"abc\""), "invalid_field", "transfers[1].pending_id"));
        c.add(transfers(second("\"flags\":[\"post_pending\"]"), "missing_field", "transfers[1].pending_id"));

        String account = "{\"id\":\"$C\",\"user_id\":\"$U\",\"currency\":\"CNY\"}";
        String accountsPath = "/v1/accounts";
        c.add(new Case(accountsPath, "{}", 400, "missing_field", "accounts"));
        c.add(new Case(accountsPath, "{\"accounts\":[]}", 400, "invalid_field", "accounts"));
        c.add(new Case(accountsPath, "{\"accounts\":[" + account + ",\"x\"]}", 400, "invalid_field", "accounts[1]"));
        c.add(new Case(accountsPath, "{\"accounts\":[" + account + ",{\"currency\":\"CNY\"}]}", 400,
                "missing_field", "accounts[1].user_id"));
        String[][] badAccount = {
            {"\"user_id\":1", "accounts[1].user_id"},
            {"\"user_id\":\"$U\",\"currency\":\"XXX\"", "accounts[1].currency"},
            {"\"user_id\":\"$U\",\"currency\":\"CNY\",\"flags\":[\"closed\"]", "accounts[1].flags[0]"},
            {"\"user_id\":\"$U\",\"currency\":\"CNY\",\"code\":0", "accounts[1].code"},
            {"\"user_id\":\"$U\",\"currency\":\"CNY\",\"code\":9000", "accounts[1].code"},
            {"\"user_id\":\"$U\",\"currency\":\"CNY\",\"user_data\":\"x\"", "accounts[1].user_data"},
            {"\"user_id\":\"$U\",\"currency\":\"CNY\",\"id\":\"0\"", "accounts[1].id"},
        };
        for (String[] bad : badAccount) {
            c.add(new Case(accountsPath, "{\"accounts\":[" + account + ",{" + bad[0] + "}]}", 400, "invalid_field",
                    bad[1]));
        }
        c.add(new Case(accountsPath, "{\"accounts\":[" + account + ",{\"user_id\":\"$U\",\"currency\":\"CNY\","
                + "\"nope\":1}]}", 400, "unknown_field", "accounts[1].nope"));

        String topUp = "/v1/users/$U/topup";
        String[][] badTopUp = {
            {"{\"amount\":5,\"currency\":\"CNY\",\"request_id\":\"r$T\"}", "invalid_field", "amount"},
            {"{\"amount\":\"0\",\"currency\":\"CNY\",\"request_id\":\"r$T\"}", "invalid_field", "amount"},
            {"{\"amount\":\"-3\",\"currency\":\"CNY\",\"request_id\":\"r$T\"}", "invalid_field", "amount"},
            {"{\"amount\":\"1.001\",\"currency\":\"CNY\",\"request_id\":\"r$T\"}", "invalid_field", "amount"},
            {"{\"amount\":\"1\",\"currency\":\"CNY\"}", "missing_field", "request_id"},
            {"{\"amount\":\"1\",\"request_id\":\"r$T\"}", "missing_field", "currency"},
            {"{\"currency\":\"CNY\",\"request_id\":\"r$T\"}", "missing_field", "amount"},
            {"{\"amount\":\"1\",\"currency\":\"CNY\",\"request_id\":\"has space\"}", "invalid_field", "request_id"},
            {"{\"amount\":\"1\",\"currency\":\"CNY\",\"request_id\":\"" + "r".repeat(65) + "\"}", "invalid_field",
                "request_id"},
            {"{\"amount\":\"1\",\"currency\":\"CNY\",\"request_id\":\"\"}", "invalid_field", "request_id"},
            {"{\"amount\":\"1\",\"currency\":\"BTC\",\"request_id\":\"r$T\"}", "invalid_field", "currency"},
            {"{\"amount\":\"1\",\"currency\":\"CNY\",\"request_id\":\"r$T\",\"extra\":true}", "unknown_field",
                "extra"},
            {"{\"amount\":\"1\",\"amount\":\"2\",\"currency\":\"CNY\",\"request_id\":\"r$T\"}", "invalid_json", null},
            {"[]", "invalid_json", null},
            {"", "invalid_json", null},
        };
        for (String[] bad : badTopUp) {
            c.add(new Case(topUp, bad[0], 400, bad[1], bad[2]));
            c.add(new Case(topUp.replace("topup", "withdraw"), bad[0], 400, bad[1], bad[2]));
        }
        c.add(new Case("/v1/users", "{\"currency\":\"XYZ\"}", 400, "invalid_field", "currency"));
        c.add(new Case("/v1/users", "{\"wallet\":\"x\"}", 400, "unknown_field", "wallet"));
        c.add(new Case("/v1/accounts/$A/close", "{\"now\":true}", 400, "unknown_field", "now"));
        c.add(new Case("/v1/accounts/abc/close", "", 400, "invalid_field", "id"));
        return c;
    }

    static List<Case> badGets() {
        return List.of(
                new Case("/v1/accounts/abc", null, 400, "invalid_field", "id"),
                new Case("/v1/accounts/-4", null, 400, "invalid_field", "id"),
                new Case("/v1/users/0", null, 400, "invalid_field", "id"),
                new Case("/v1/transfers/1x", null, 400, "invalid_field", "id"),
                new Case("/v1/accounts/$A/transfers?limit=0", null, 400, "invalid_field", "limit"),
                new Case("/v1/accounts/$A/transfers?limit=1001", null, 400, "invalid_field", "limit"),
                new Case("/v1/accounts/$A/transfers?limit=ten", null, 400, "invalid_field", "limit"),
                new Case("/v1/accounts/$A/transfers?from=yesterday", null, 400, "invalid_field", "from"),
                new Case("/v1/accounts/$A/transfers?to=2026-13-01T00:00:00Z", null, 400, "invalid_field", "to"),
                new Case("/v1/accounts/$A/transfers?page=2", null, 400, "unknown_field", "page"),
                new Case("/v1/accounts/$A/balance", null, 400, "missing_field", "at"),
                new Case("/v1/accounts/$A/balance?at=now", null, 400, "invalid_field", "at"));
    }

    @BeforeAll
    void start() {
        f = ApiFixture.inMemory(2);
        ledger = (InMemoryLedgerService) f.service;
        a = f.createFundedUser("100.00");
        b = f.createUserNear(a, "CNY");
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    private String fill(String text, long transferId, long accountId) {
        return text.replace("$V", valid).replace("$T", Long.toString(transferId))
                .replace("$C", Long.toString(accountId)).replace("$A", a.wallet()).replace("$B", b.wallet())
                .replace("$U", a.id());
    }

    private long freshAccountId() {
        long slot = Long.parseLong(a.id()) >>> 53;
        return slot << 53 | (1L << 20) + ApiFixture.nextId();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void refusesBadBodiesNamingTheFieldAndChangesNothing(Case c) {
        long transferId = ApiFixture.nextId();
        long accountId = freshAccountId();
        long submissions = ledger.submissions();
        Reply r = f.api.post(fill(c.path(), transferId, accountId), adminKey, fill(c.body(), transferId, accountId));
        assertRefused(r, c);
        assertThat(ledger.submissions()).as("batches submitted").isEqualTo(submissions);
        assertThat(f.api.get("/v1/transfers/" + transferId, adminKey).status()).isEqualTo(404);
        assertThat(f.api.get("/v1/accounts/" + accountId, adminKey).status()).isEqualTo(404);
        assertThat(f.balance(a.wallet())).isEqualTo("100.00");
        assertThat(f.balance(b.wallet())).isEqualTo("0.00");
    }

    @ParameterizedTest
    @MethodSource("badGets")
    void refusesBadPathsAndQueriesNamingTheField(Case c) {
        assertRefused(f.api.get(fill(c.path(), 0, 0), adminKey), c);
    }

    private static void assertRefused(Reply r, Case c) {
        assertThat(r.status()).as(r.toString()).isEqualTo(c.status());
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(c.code());
        assertThat(r.errorField()).as(r.toString()).isEqualTo(c.field());
        assertThat(r.errorMessage()).as(r.toString()).isNotBlank();
    }

    @Test
    void refusesBatchesOverTheLimitNamingIt() {
        long submissions = ledger.submissions();
        StringBuilder accounts = new StringBuilder("{\"accounts\":[");
        for (int i = 0; i < 8191; i++) {
            accounts.append(i == 0 ? "" : ",").append("{\"user_id\":\"").append(a.id())
                    .append("\",\"currency\":\"CNY\"}");
        }
        Reply r = f.api.post("/v1/accounts", adminKey, accounts.append("]}").toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("batch_too_large");
        assertThat(r.errorField()).isEqualTo("accounts");
        assertThat(r.errorMessage()).contains("8190", "maxBatchAccounts");
        assertThat(ledger.submissions()).isEqualTo(submissions);
    }

    @Test
    void refusesBodiesOverFourMebibytesWithOrWithoutALength() throws Exception {
        long submissions = ledger.submissions();
        byte[] big = new byte[4 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        Reply sized = f.api.post("/v1/transfers", adminKey, big);
        assertThat(sized.status()).as(sized.toString()).isEqualTo(413);
        assertThat(sized.errorCode()).isEqualTo("body_too_large");
        assertThat(sized.errorMessage()).contains("maxRequestBytes");

        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.server.port()
                        + "/v1/transfers"))
                .header("Authorization", "Bearer " + adminKey)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("body_too_large");
        assertThat(ledger.submissions()).isEqualTo(submissions);
    }
}
