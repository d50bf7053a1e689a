package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.Ids;
import io.atta.core.auth.Role;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.SecurityRouteTable.Row;
import io.atta.server.TradeCalls.Merchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.nextId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route table of docs/SECURITY.md, as a test: its routes are the server's, each row's roles
 * are the ones the route admits, and every route called with every kind of key (the seven role
 * columns, and a revoked key, an expired key and no key, which always get 401) gets the status
 * the table documents. A refused call changes nothing: every shard's state hash and the
 * fixture's balances are the same after it. Rows are read generically: a new row needs only a
 * fixture id for a new path parameter, and a body when {@code {}} does not reach the checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleTableTest {
    private static final int shards = 2;
    private static final String roleRefusal = "this route is for ";
    private static final Pattern pathParam = Pattern.compile("/([a-z0-9-]+)/\\{([a-z_]+)}");

    private ApiFixture f;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final Map<String, Supplier<String>> pathIds = new LinkedHashMap<>();
    private final Map<String, Supplier<String>> queries = new LinkedHashMap<>();
    private final Map<String, Supplier<String>> bodies = new LinkedHashMap<>();
    private final List<String> watchedAccounts = new ArrayList<>();
    private NewUser user;
    private NewUser otherUser;
    private Merchant merchant;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = ApiFixture.onTestClockNode(dir, shards, 0);
        TradeCalls trades = new TradeCalls(f);
        user = f.createFundedUser("1000.00");
        otherUser = f.createFundedUser("1000.00");
        String account = f.createAccount(user, "CNY", null);
        merchant = trades.merchant("Tea House");
        Merchant otherMerchant = trades.merchant("Coffee House");
        Reply channel = f.api.post("/v1/channels", adminKey, "{\"name\":\"Test Bank\",\"currency\":\"CNY\"}");
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        String channelId = channel.body().get("channel_id").asText();
        keys.put("admin", adminKey);
        keys.put("channel", channel.body().get("key").asText());
        keys.put("merchant", newKey("merchant", merchant.id(), null).get("key").asText());
        keys.put("other merchant", newKey("merchant", otherMerchant.id(), null).get("key").asText());
        keys.put("user", user.token());
        keys.put("other user", otherUser.token());
        keys.put("fund_manager", newKey("fund_manager", user.id(), null).get("key").asText());
        keys.put("insurer", newKey("insurer", user.id(), null).get("key").asText());
        Reply reporting = f.api.post("/v1/keys", adminKey, "{\"role\":\"reporting\"}");
        assertThat(reporting.status()).as(reporting.toString()).isEqualTo(201);
        keys.put("reporting", reporting.body().get("key").asText());
        JsonNode revoked = newKey("user", user.id(), null);
        assertThat(f.api.post("/v1/keys/" + revoked.get("key_id").asText() + "/revoke", adminKey, "").status())
                .isEqualTo(200);
        keys.put("revoked key", revoked.get("key").asText());
        Instant now = Instant.parse(f.api.get("/v1/test/clock", adminKey).body().get("now").asText());
        keys.put("expired key", newKey("user", user.id(), now.plusSeconds(60).toString()).get("key").asText());
        assertThat(f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":120}").status()).isEqualTo(200);
        keys.put("no key", null);

        Reply topUp = f.api.post("/v1/users/" + user.id() + "/topup", adminKey,
                "{\"amount\":\"1.00\",\"currency\":\"CNY\",\"request_id\":\"rt-" + nextId() + "\"}");
        assertThat(topUp.status()).as(topUp.toString()).isEqualTo(200);
        String p2p = "p2p-" + nextId();
        Reply paid = f.api.post("/v1/payments/p2p", user.token(), p2pBody(p2p));
        assertThat(paid.status()).as(paid.toString()).isBetween(200, 201);
        String tradeNo = trades.created(merchant, "o-" + nextId(), "10.00", user.id());
        trades.paid(user, tradeNo);
        Reply refund = trades.act(user.token(), tradeNo, "refunds",
                "{\"out_request_no\":\"rf-1\",\"amount\":\"1.00\",\"reason\":\"chipped\"}");
        assertThat(refund.status()).as(refund.toString()).isBetween(200, 201);

        Reply calendar = f.api.send("PUT", "/v1/calendars/CN", adminKey, "{\"holidays\":[\"2027-01-01\"]}");
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(200);
        Reply fund = f.api.post("/v1/funds", adminKey, "{\"code\":\"YEB\",\"name\":\"Yu'e Bao\",\"currency\":"
                + "\"CNY\",\"manager_user_id\":\"" + user.id() + "\",\"calendar\":\"CN\"}");
        assertThat(fund.status()).as(fund.toString()).isEqualTo(201);

        Reply lender = f.api.post("/v1/lenders", adminKey,
                "{\"name\":\"Partner Bank\",\"currency\":\"CNY\",\"request_id\":\"lender-1\"}");
        assertThat(lender.status()).as(lender.toString()).isEqualTo(201);
        String lenderId = lender.body().get("lender_id").asText();
        keys.put("lender", newKey("lender", lenderId, null).get("key").asText());
        Reply funded = f.api.post("/v1/lenders/" + lenderId + "/deposits", keys.get("channel"),
                "{\"amount\":\"100000.00\",\"currency\":\"CNY\",\"channel_ref\":\"lf-1\"}");
        assertThat(funded.status()).as(funded.toString()).isEqualTo(201);
        // A loan needs a credit score of 600: KYC level 3 and 100,000.00 held (docs/CREDIT.md).
        Reply richer = f.api.post("/v1/users/" + user.id() + "/topup", adminKey,
                "{\"amount\":\"99000.00\",\"currency\":\"CNY\",\"request_id\":\"rich-1\"}");
        assertThat(richer.status()).as(richer.toString()).isEqualTo(200);
        assertThat(f.api.post("/v1/users/" + user.id() + "/kyc", adminKey, "{\"level\":3}").status())
                .as("scored with the balance").isEqualTo(200);
        String loanBody = "{\"amount\":\"1000.00\",\"months\":3,\"method\":\"equal_installment\",\"request_id\":\"ln-%d\"}";
        Reply loan = f.api.post("/v1/users/" + user.id() + "/loans", user.token(), loanBody.formatted(nextId()));
        assertThat(loan.status()).as(loan.toString()).isEqualTo(201);

        pathIds.put("users/id", user::id);
        pathIds.put("lenders/lender_id", () -> lenderId);
        pathIds.put("loans/loan_id", () -> loan.body().get("loan_id").asText());
        assertThat(f.api.post("/v1/insurers", adminKey, "{\"code\":\"PICC\",\"name\":\"PICC\",\"currency\":"
                + "\"CNY\",\"owner_user_id\":\"" + user.id() + "\"}").status()).isEqualTo(201);
        assertThat(f.api.post("/v1/insurance/products", adminKey, "{\"code\":\"SEC\",\"name\":\"Security\","
                + "\"insurer\":\"PICC\",\"kind\":\"account_security\",\"premium\":\"0.01\",\"coverage\":"
                + "\"100.00\"}").status()).isEqualTo(201);
        Reply policy = f.api.post("/v1/users/" + user.id() + "/policies", user.token(),
                "{\"product\":\"SEC\",\"request_id\":\"pol-1\"}");
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        String policyId = policy.body().get("policy_id").asText();
        String lossAt = policy.body().get("starts_at").asText();
        String claimBody = "{\"request_id\":\"cl-%d\",\"amount\":\"0.01\",\"loss_at\":\"" + lossAt + "\"}";
        Reply claim = f.api.post("/v1/policies/" + policyId + "/claims", user.token(), claimBody.formatted(nextId()));
        assertThat(claim.status()).as(claim.toString()).isEqualTo(201);

        pathIds.put("users/id", user::id);
        pathIds.put("insurers/code", () -> "PICC");
        pathIds.put("products/code", () -> "SEC");
        pathIds.put("policies/id", () -> policyId);
        pathIds.put("claims/id", () -> claim.body().get("claim_id").asText());
        pathIds.put("calendars/name", () -> "CN");
        pathIds.put("funds/code", () -> "YEB");
        pathIds.put("holdings/user_id", user::id);
        pathIds.put("accounts/id", () -> account);
        pathIds.put("transfers/id", () -> topUp.body().get("transfer_id").asText());
        pathIds.put("merchants/id", merchant::id);
        // A fresh key of the user for every call: an admitted rotate or revoke uses one up.
        pathIds.put("keys/id", () -> newKey("user", user.id(), null).get("key_id").asText());
        pathIds.put("trades/trade_no", () -> tradeNo);
        pathIds.put("refunds/refund_id", () -> refund.body().findValue("refund_id").asText());
        pathIds.put("disputes/refund_id", () -> refund.body().findValue("refund_id").asText());
        pathIds.put("p2p/request_id", () -> p2p);
        pathIds.put("shards/shard", () -> "0");
        pathIds.put("checkpoints/n", () -> "1");
        pathIds.put("reviews/id", () -> Long.toString(Ids.compose(Ids.slotOf(Long.parseLong(user.wallet())),
                Ids.firstUserLocalId + nextId())));
        pathIds.put("statements/period", () -> "2027-02");
        pathIds.put("channels/channel_id", () -> channelId);
        // A fresh withdrawal for every call: an admitted confirm or fail answers it.
        pathIds.put("withdrawals/withdrawal_id", () -> {
            Reply w = f.api.post("/v1/users/" + user.id() + "/withdrawals", user.token(),
                    "{\"amount\":\"0.01\",\"currency\":\"CNY\",\"channel_id\":\"" + channelId
                            + "\",\"request_id\":\"wd-" + nextId() + "\"}");
            assertThat(w.status()).as(w.toString()).isEqualTo(202);
            return w.body().get("withdrawal_id").asText();
        });

        queries.put("GET /v1/accounts/{id}/balance", () -> "?at=2030-01-01T00:00:00Z");
        queries.put("GET /v1/trades", () -> "?seller=" + merchant.id());
        queries.put("GET /v1/changes", () -> "?shard=0&limit=10");
        queries.put("GET /v1/credit/lender", () -> "?shard=0");
        queries.put("GET /v1/keys", () -> "?owner_id=" + user.id());
        queries.put("GET /v1/audit/consistency", () -> "?from=1&to=1");
        queries.put("GET /v1/payments/p2p/{request_id}", () -> "?from_user_id=" + user.id());
        queries.put("GET /v1/risk/decisions", () -> "?user_id=" + user.id());

        String money = "{\"amount\":\"0.01\",\"currency\":\"CNY\",\"request_id\":\"rq-%d\"}";
        bodies.put("POST /v1/users/{id}/topup", () -> money.formatted(nextId()));
        bodies.put("POST /v1/users/{id}/withdraw", () -> money.formatted(nextId()));
        bodies.put("POST /v1/users/{id}/withdrawals", () -> "{\"amount\":\"0.01\",\"currency\":\"CNY\",\"channel_id\":\""
                + channelId + "\",\"request_id\":\"wd-" + nextId() + "\"}");
        bodies.put("POST /v1/channels/{channel_id}/deposits", () -> "{\"user_id\":\"" + user.id()
                + "\",\"amount\":\"0.01\",\"currency\":\"CNY\",\"channel_ref\":\"ref-" + nextId() + "\"}");
        bodies.put("POST /v1/withdrawals/{withdrawal_id}/confirm", () -> "{\"channel_ref\":\"bank-" + nextId() + "\"}");
        bodies.put("POST /v1/channels", () -> "{\"name\":\"Bank " + nextId() + "\",\"currency\":\"CNY\"}");
        bodies.put("POST /v1/accounts", () -> "{\"accounts\":[{\"user_id\":\"" + user.id() + "\",\"currency\":\"CNY\"}]}");
        bodies.put("POST /v1/transfers", () -> ApiFixture.batch(ApiFixture.transfer(
                Ids.compose(Ids.slotOf(Long.parseLong(user.wallet())), Ids.firstUserLocalId + nextId()),
                user.wallet(), otherUser.wallet(), "0.01", null)));
        bodies.put("POST /v1/payments/p2p", () -> p2pBody("p2p-" + nextId()));
        bodies.put("POST /v1/merchants", () -> "{\"name\":\"Shop " + nextId() + "\"}");
        bodies.put("POST /v1/trades", () -> TradeCalls.trade(merchant.id(), "o-" + nextId(), "1.00", user.id()));
        bodies.put("POST /v1/trades/{trade_no}/ship", () -> "{\"carrier\":\"SF\",\"tracking_no\":\"SF1\"}");
        bodies.put("POST /v1/trades/{trade_no}/extend-confirm", () -> "{\"seconds\":86400}");
        bodies.put("POST /v1/trades/{trade_no}/refunds", () -> "{\"out_request_no\":\"rf-" + nextId()
                + "\",\"amount\":\"0.01\",\"reason\":\"chipped\"}");
        bodies.put("POST /v1/trades/{trade_no}/refunds/{refund_id}/reject", () -> "{\"reason\":\"no\"}");
        bodies.put("POST /v1/trades/{trade_no}/disputes", () -> "{\"refund_id\":\""
                + refund.body().findValue("refund_id").asText() + "\",\"reason\":\"unfair\"}");
        bodies.put("POST /v1/funds/{code}/income", () -> "{\"date\":\"2020-01-01\",\"income_per_10k\":\"0.1\"}");
        bodies.put("POST /v1/funds/{code}/subscriptions", () -> "{\"user_id\":\"" + user.id()
                + "\",\"amount\":\"0.01\",\"request_id\":\"sub-" + nextId() + "\"}");
        bodies.put("POST /v1/funds/{code}/redemptions", () -> "{\"user_id\":\"" + user.id()
                + "\",\"amount\":\"0.01\",\"mode\":\"fast\",\"request_id\":\"red-" + nextId() + "\"}");
        bodies.put("POST /v1/lenders", () -> "{\"name\":\"Bank " + nextId() + "\",\"currency\":\"CNY\","
                + "\"request_id\":\"lender-" + nextId() + "\"}");
        bodies.put("POST /v1/lenders/{lender_id}/deposits", () -> "{\"amount\":\"0.02\",\"currency\":\"CNY\","
                + "\"channel_ref\":\"lf-" + nextId() + "\"}");
        bodies.put("POST /v1/users/{id}/loans/quote", () -> "{\"amount\":\"1000.00\",\"months\":3,"
                + "\"method\":\"equal_principal\"}");
        bodies.put("POST /v1/users/{id}/loans", () -> loanBody.formatted(nextId()));
        bodies.put("POST /v1/loans/{loan_id}/repayments", () -> "{\"amount\":\"0.01\",\"request_id\":\"rp-"
                + nextId() + "\"}");
        bodies.put("POST /v1/loans/{loan_id}/prepay", () -> "{\"request_id\":\"pp-" + nextId() + "\"}");
        bodies.put("POST /v1/users/{id}/policies", () -> "{\"product\":\"SEC\",\"request_id\":\"pol-" + nextId()
                + "\"}");
        bodies.put("POST /v1/policies/{id}/claims", () -> claimBody.formatted(nextId()));
        bodies.put("POST /v1/keys", () -> "{\"role\":\"user\",\"owner_id\":\"" + user.id() + "\"}");

        watchedAccounts.addAll(List.of(user.wallet(), otherUser.wallet(), account, merchant.wallet(),
                merchant.settlementAccount(), otherMerchant.wallet()));
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private String p2pBody(String requestId) {
        return "{\"from_user_id\":\"" + user.id() + "\",\"to_user_id\":\"" + otherUser.id()
                + "\",\"amount\":\"0.01\",\"currency\":\"CNY\",\"request_id\":\"" + requestId + "\"}";
    }

    /** A key made by the admin; {@code expiresAt} may be null. */
    private JsonNode newKey(String role, String owner, String expiresAt) {
        Reply r = f.api.post("/v1/keys", adminKey, "{\"role\":\"" + role + "\",\"owner_id\":\"" + owner + "\""
                + (expiresAt == null ? "" : ",\"expires_at\":\"" + expiresAt + "\"") + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }

    @Test
    void theTableHasEveryRouteOfTheServerAndItsRoles() {
        Map<String, Set<Role>> declared = f.server.routeRoles();
        Set<String> keyed = new TreeSet<>();
        Set<String> open = new TreeSet<>();
        declared.forEach((route, roles) -> (roles.isEmpty() ? open : keyed).add(route));
        List<Row> rows = SecurityRouteTable.keyedRoutes();
        assertThat(new TreeSet<>(rows.stream().map(Row::route).toList())).isEqualTo(keyed);
        assertThat(rows).extracting(Row::route).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(SecurityRouteTable.openRoutes())).isEqualTo(open);
        for (Row row : rows) {
            Set<Role> roles = declared.get(row.route());
            for (Role role : Role.values()) {
                String mine = row.cell(role.apiName());
                String other = role == Role.user || role == Role.merchant ? row.cell("other " + role.apiName()) : mine;
                // The other direction (an admitted role is never refused by role) is checked by the calls.
                if (!roles.contains(role)) {
                    assertThat(List.of(mine, other)).as("%s does not admit %s: its cells say 403", row.route(), role)
                            .containsOnly("403");
                }
            }
        }
    }

    @Test
    void everyRouteAnswersEveryKeyAsDocumentedAndARefusedCallChangesNothing() {
        List<String> wrong = new ArrayList<>();
        Map<String, Set<Role>> declared = f.server.routeRoles();
        for (Row row : SecurityRouteTable.keyedRoutes()) {
            for (Map.Entry<String, String> key : keys.entrySet()) {
                String column = key.getKey();
                boolean roleColumn = SecurityRouteTable.columns.contains(column);
                String documented = roleColumn ? row.cell(column) : "401";
                Request request = request(row.route());
                Snapshot before = snapshot();
                Reply r = request.send(f.api, key.getValue());
                String got = r.status() == 401 || r.status() == 403 ? Integer.toString(r.status()) : "ok";
                if (!got.equals(documented)) {
                    wrong.add(row.route() + " as " + column + ": documented " + documented + ", got " + r);
                }
                if (got.equals("401") || got.equals("403")) {
                    Snapshot after = snapshot();
                    if (!after.equals(before)) {
                        wrong.add(row.route() + " as " + column + " was refused (" + r.status() + ") but changed "
                                + before + " to " + after);
                    }
                }
                if (roleColumn && r.status() == 403 && r.errorMessage() != null
                        && r.errorMessage().startsWith(roleRefusal)) {
                    Role role = Role.ofName(column.replace("other ", ""));
                    if (declared.get(row.route()).contains(role)) {
                        wrong.add(row.route() + " admits " + role + " but refused " + column + " by role: " + r);
                    }
                }
            }
        }
        assertThat(wrong).as("calls that disagree with docs/SECURITY.md").isEmpty();
    }

    /** A call of a route, ready to send with any key. */
    private record Request(String method, String target, String body) {
        Reply send(HttpApi api, String key) {
            return method.equals("GET") ? api.get(target, key) : api.send(method, target, key, body);
        }
    }

    /** The call of a route with the fixture's ids in its path, its query and a minimal body. */
    private Request request(String route) {
        int space = route.indexOf(' ');
        String method = route.substring(0, space);
        String template = route.substring(space + 1);
        Matcher m = pathParam.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) + "/" + m.group(2);
            Supplier<String> id = pathIds.get(name);
            if (id == null) {
                throw new AssertionError("the fixture has no id for {" + m.group(2) + "} after /" + m.group(1)
                        + "/ (" + route + "): add one to pathIds");
            }
            m.appendReplacement(path, Matcher.quoteReplacement("/" + m.group(1) + "/" + id.get()));
        }
        m.appendTail(path);
        String query = queries.getOrDefault(route, () -> "").get();
        String body = bodies.getOrDefault(route, () -> "{}").get();
        return new Request(method, path + query, body);
    }

    /** Every shard's state hash and the fixture's balances. */
    private record Snapshot(List<String> hashes, List<String> balances) {
    }

    /**
     * The state, once it has settled: what an admitted call set going (the finishing steps of a
     * cross-shard transaction) may still be applying, so the state is read until two reads agree.
     */
    private Snapshot snapshot() {
        Snapshot last = read();
        for (int attempt = 0; attempt < 100; attempt++) {
            Snapshot next = read();
            if (next.equals(last)) {
                return next;
            }
            last = next;
        }
        throw new AssertionError("the state kept changing: " + last);
    }

    private Snapshot read() {
        List<String> hashes = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            Reply r = f.api.get("/v1/admin/cluster/shards/" + s + "/hash", adminKey);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            hashes.add(r.body().get("state_hash").asText());
        }
        List<String> balances = new ArrayList<>();
        for (String account : watchedAccounts) {
            JsonNode a = f.account(account);
            balances.add(a.get("balance").asText() + "/" + a.get("debits_pending").asText() + "/"
                    + a.get("credits_pending").asText());
        }
        return new Snapshot(hashes, balances);
    }
}
