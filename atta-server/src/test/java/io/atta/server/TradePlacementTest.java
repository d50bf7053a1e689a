package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.trade.TradeKind;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.TradeCalls.Merchant;
import io.atta.server.http.ServerLedger;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.trades.PayCrashPoints;
import io.atta.server.trades.TradeIds;
import io.atta.server.trades.Trades;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.nextId;
import static io.atta.server.TradeCalls.ok;
import static io.atta.server.TradeCalls.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trades placed on their buyers' shards (docs/API.md, Trades): a trade created for a known buyer
 * lives on the buyer's shard, its out_trade_no claimed on the shard its name names, so an
 * out_trade_no stays one trade per merchant and a query by it finds the trade; with the buyer's
 * {@code auth_code} it is created and paid at once.
 */
class TradePlacementTest {
    private static String codeOf(ApiFixture f, NewUser u) {
        Reply r = f.api.get("/v1/users/" + u.id() + "/payment-code", u.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("auth_code").asText();
    }

    private static String paidTrade(String seller, String out, String amount, String currency, String authCode) {
        return "{\"out_trade_no\":\"" + out + "\",\"seller\":\"" + seller + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"" + currency + "\",\"subject\":\"A teapot\",\"goods_type\":\"physical\""
                + (authCode == null ? "" : ",\"auth_code\":\"" + authCode + "\"") + "}";
    }

    private static JsonNode byOutTradeNo(ApiFixture f, Merchant m, String out) {
        return ok(f.api.get("/v1/trades?seller=" + m.id() + "&out_trade_no=" + out, m.apiKey())).get("trades");
    }

    /** An out_trade_no of {@code m} whose name lives on another shard than {@code buyer}. */
    private static String outAwayFrom(ApiFixture f, Merchant m, NewUser buyer) {
        for (int attempt = 0; attempt < 64; attempt++) {
            String out = "p-" + nextId();
            if (f.service.shardOf(TradeIds.tradeNo(Long.parseLong(m.id()), out))
                    != f.service.shardOf(Long.parseLong(buyer.id()))) {
                return out;
            }
        }
        throw new AssertionError("64 out_trade_nos all named the buyer's shard");
    }

    private static String available(ApiFixture f, NewUser u) {
        return f.account(u.wallet()).get("available").asText();
    }

    private static void assertInvariantsHold(ApiFixture f) {
        Reply r = f.api.get("/v1/admin/invariants", adminKey);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body().get("violations")).as(r.toString()).isEmpty();
    }

    @Test
    void aTradeCreatedAndPaidWithTheBuyersCodeLivesOnTheBuyersShardAndIsFoundByItsOutTradeNo() {
        try (ApiFixture f = ApiFixture.inMemory(4)) {
            TradeCalls t = new TradeCalls(f);
            Merchant m = t.merchant("Placed Tea");
            NewUser buyer = f.createFundedUser("100.00");
            String out = outAwayFrom(f, m, buyer);

            Reply r = t.create(m.apiKey(), paidTrade(m.id(), out, "30.00", "CNY", codeOf(f, buyer)));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            String tradeNo = r.body().get("trade_no").asText();
            assertThat(r.body().get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
            assertThat(r.body().get("buyer_user_id").asText()).isEqualTo(buyer.id());
            assertThat(Ids.slotOf(Long.parseLong(tradeNo))).as("the buyer's slot")
                    .isEqualTo(Ids.slotOf(Long.parseLong(buyer.id())));
            assertThat(available(f, buyer)).isEqualTo("70.00");

            JsonNode found = byOutTradeNo(f, m, out);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).get("trade_no").asText()).isEqualTo(tradeNo);
            assertThat(byOutTradeNo(f, m, "never-" + nextId())).isEmpty();

            // A retry with a fresh code of the same buyer names the same trade and moves nothing more.
            Reply again = t.create(m.apiKey(), paidTrade(m.id(), out, "30.00", "CNY", codeOf(f, buyer)));
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.body().get("trade_no").asText()).isEqualTo(tradeNo);
            assertThat(available(f, buyer)).isEqualTo("70.00");
            // Shipped and confirmed on the buyer's shard, as every paid trade.
            ok(t.act(m.apiKey(), tradeNo, "ship", "{\"carrier\":\"SF\",\"tracking_no\":\"SF1\"}"));
            ok(t.act(buyer.token(), tradeNo, "confirm", ""));
            assertThat(t.trade(tradeNo).get("status").asText()).isEqualTo("TRADE_FINISHED");
            assertInvariantsHold(f);
        }
    }

    @Test
    void anOutTradeNoAlreadyUsedForAnotherBuyerOnAnotherShardIsRefusedAndMovesNoMoney() {
        try (ApiFixture f = ApiFixture.inMemory(4)) {
            TradeCalls t = new TradeCalls(f);
            Merchant m = t.merchant("Unique Tea");
            NewUser first = f.createFundedUser("100.00");
            NewUser second = t.buyerAwayFrom(first.id(), "100.00");
            String out = "u-" + nextId();

            String tradeNo = t.created(m, out, "30.00", first.id());
            refused(t.create(m.apiKey(), TradeCalls.trade(m.id(), out, "30.00", second.id())), 409,
                    "exists_with_different_fields");
            refused(t.create(m.apiKey(), paidTrade(m.id(), out, "30.00", "CNY", codeOf(f, second))), 409,
                    "exists_with_different_fields");
            refused(t.create(m.apiKey(), TradeCalls.trade(m.id(), out, "30.00", null)), 409,
                    "exists_with_different_fields");

            assertThat(available(f, second)).isEqualTo("100.00");
            assertThat(available(f, first)).isEqualTo("100.00");
            JsonNode found = byOutTradeNo(f, m, out);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).get("trade_no").asText()).isEqualTo(tradeNo);
            assertThat(found.get(0).get("buyer_user_id").asText()).isEqualTo(first.id());
            // The first buyer pays it, on its own shard.
            assertThat(t.paid(first, tradeNo).get("status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
            assertThat(available(f, first)).isEqualTo("70.00");
            assertInvariantsHold(f);
        }
    }

    @Test
    void aCreateStoppedBetweenItsClaimAndItsCreateCompletesOnceWhenRetried(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 0)) {
            TradeCalls t = new TradeCalls(f);
            Merchant m = t.merchant("Crashing Tea");
            NewUser buyer = f.createFundedUser("100.00");
            String out = outAwayFrom(f, m, buyer);
            ServerLedger ledger = new ServerLedger(f.service, ForkJoinPool.commonPool());
            Trades stopping = new Trades(ledger, new MerchantDirectory(ledger), 86_400, new PayCrashPoints() {
                @Override
                public boolean dieAfterBind() {
                    return false;
                }

                @Override
                public boolean dieAfterClaim() {
                    return true;
                }
            });
            Trades.Order order = new Trades.Order(Long.parseLong(m.id()), out, Long.parseLong(buyer.id()), 3_000,
                    Currency.CNY, "A teapot", 900, TradeKind.escrow, 0, "", "");

            assertThatThrownBy(() -> stopping.openAndPay(order).join()).isInstanceOf(CompletionException.class)
                    .hasMessageContaining("afterClaim");
            // The claim holds the name; its trade does not exist: a query answers none.
            assertThat(byOutTradeNo(f, m, out)).isEmpty();
            assertThat(available(f, buyer)).isEqualTo("100.00");

            Reply retried = t.create(m.apiKey(), paidTrade(m.id(), out, "30.00", "CNY", codeOf(f, buyer)));
            assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
            Reply again = t.create(m.apiKey(), paidTrade(m.id(), out, "30.00", "CNY", codeOf(f, buyer)));
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.body().get("trade_no").asText()).isEqualTo(retried.body().get("trade_no").asText());
            assertThat(available(f, buyer)).as("paid exactly once")
                    .isEqualTo("70.00");
            assertThat(byOutTradeNo(f, m, out)).hasSize(1);
            assertInvariantsHold(f);
        }
    }

    @Test
    void aRefusedCreateAndPayChangesNothing(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onTestClockNode(dir, 2, 0)) {
            TradeCalls t = new TradeCalls(f);
            Merchant m = t.merchant("Refusing Tea");
            NewUser buyer = f.createFundedUser("20.00");
            String expired = codeOf(f, buyer);
            advance(f, 3_600);
            String valid = codeOf(f, buyer);
            String sellersCode = codeOf(f, new NewUser(m.id(), m.apiKey(), m.wallet()));

            record Row(String name, String body, int status, String code) {
            }
            String out = "r-" + nextId();
            Row[] rows = {
                    new Row("an expired code", paidTrade(m.id(), out, "5.00", "CNY", expired), 400, "invalid_field"),
                    new Row("a forged code", paidTrade(m.id(), out, "5.00", "CNY",
                            valid.substring(0, valid.length() - 1) + (valid.endsWith("0") ? "1" : "0")), 400,
                            "invalid_field"),
                    new Row("not a code", paidTrade(m.id(), out, "5.00", "CNY", "hello"), 400, "invalid_field"),
                    new Row("the seller's own code", paidTrade(m.id(), out, "5.00", "CNY", sellersCode), 409,
                            "buyer_is_seller"),
                    new Row("another currency than the merchant's", paidTrade(m.id(), out, "5.00", "USD", valid),
                            409, "currency_mismatch"),
            };
            for (Row row : rows) {
                Reply r = t.create(m.apiKey(), row.body());
                assertThat(r.status()).as(row.name() + ": " + r).isEqualTo(row.status());
                assertThat(r.errorCode()).as(row.name() + ": " + r).isEqualTo(row.code());
                assertThat(byOutTradeNo(f, m, out)).as(row.name()).isEmpty();
                assertThat(available(f, buyer)).as(row.name()).isEqualTo("20.00");
                assertInvariantsHold(f);
            }

            // More than the wallet holds: refused by the buyer's shard, and no money moves. The
            // order stays the buyer's, unpaid until its deadline: a retry once funded pays it.
            Reply poor = t.create(m.apiKey(), paidTrade(m.id(), out, "25.00", "CNY", valid));
            refused(poor, 409, "insufficient_funds");
            assertThat(available(f, buyer)).isEqualTo("20.00");
            JsonNode unpaid = byOutTradeNo(f, m, out);
            assertThat(unpaid).hasSize(1);
            assertThat(unpaid.get(0).get("status").asText()).isEqualTo("WAIT_BUYER_PAY");
            assertInvariantsHold(f);
            f.fund(buyer, "10.00");
            Reply paid = t.create(m.apiKey(), paidTrade(m.id(), out, "25.00", "CNY", codeOf(f, buyer)));
            assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
            assertThat(available(f, buyer)).isEqualTo("5.00");
            assertInvariantsHold(f);
        }
    }

    /**
     * Seeded batches of {@code create_and_pay} (admin key) over four shards, with buyers who
     * cannot cover some payments and out_trade_nos repeated for other buyers: each item answers
     * as a model of wallets and names says, the money adds up after every batch, and the same
     * batch again moves nothing.
     */
    @Test
    void createAndPayBatchesAnswerEachItemAsTheModelSaysAndConserveMoney() {
        long seed = 20261207L;
        SplittableRandom random = new SplittableRandom(seed);
        try (ApiFixture f = ApiFixture.inMemory(4)) {
            TradeCalls t = new TradeCalls(f);
            Merchant m = t.merchant("Batch Tea");
            NewUser[] buyers = new NewUser[6];
            long[] cents = new long[buyers.length];
            for (int i = 0; i < buyers.length; i++) {
                buyers[i] = f.createFundedUser("50.00");
                cents[i] = 5_000;
            }
            Map<String, Integer> owner = new HashMap<>();
            Map<String, Long> firstAmount = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (int round = 0; round < 4; round++) {
                StringBuilder items = new StringBuilder();
                List<String> expected = new ArrayList<>();
                Set<String> inBatch = new HashSet<>();
                for (int i = 0; i < 40; i++) {
                    int b = random.nextInt(buyers.length);
                    String out = "b" + seed + "-" + random.nextInt(60);
                    long amount = 100 + random.nextInt(1_500);
                    if (!inBatch.add(out)) {
                        continue;
                    }
                    Integer held = owner.get(out);
                    String result;
                    if (held != null) {
                        // Another buyer's name, or the same buyer's with another amount: other terms.
                        amount = firstAmount.get(out) + 1;
                        result = "exists_with_different_fields";
                    } else if (cents[b] < amount) {
                        result = "insufficient_funds";
                        owner.put(out, b);
                        firstAmount.put(out, amount);
                    } else {
                        result = "ok";
                        cents[b] -= amount;
                        owner.put(out, b);
                        firstAmount.put(out, amount);
                    }
                    expected.add(result);
                    seen.add(result);
                    items.append(items.length() == 0 ? "" : ",").append(TradeCalls.trade(m.id(), out,
                            String.format("%d.%02d", amount / 100, amount % 100), buyers[b].id()));
                }
                String body = "{\"action\":\"create_and_pay\",\"items\":[" + items + "]}";
                JsonNode results = ok(f.api.post("/v1/trades/batch", adminKey, body)).get("results");
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(results.get(i).get("result").asText()).as("seed %d round %d item %d", seed, round, i)
                            .isEqualTo(expected.get(i));
                }
                JsonNode again = ok(f.api.post("/v1/trades/batch", adminKey, body)).get("results");
                for (int i = 0; i < expected.size(); i++) {
                    String first = expected.get(i);
                    assertThat(again.get(i).get("result").asText()).as("seed %d round %d item %d again", seed, round, i)
                            .isEqualTo(first.equals("ok") ? "exists" : first);
                }
                for (int i = 0; i < buyers.length; i++) {
                    assertThat(available(f, buyers[i])).as("seed %d round %d buyer %d", seed, round, i)
                            .isEqualTo(String.format("%d.%02d", cents[i] / 100, cents[i] % 100));
                }
                assertInvariantsHold(f);
            }
            assertThat(seen).as("the seed's batches try every outcome")
                    .contains("ok", "insufficient_funds", "exists_with_different_fields");
        }
    }

    @Test
    void aMerchantKeyPaysOnlyWithTheBuyersCode() {
        try (ApiFixture f = ApiFixture.inMemory(2)) {
            TradeCalls t = new TradeCalls(f);
            Merchant m = t.merchant("Careful Tea");
            NewUser buyer = f.createFundedUser("20.00");
            String body = "{\"action\":\"create_and_pay\",\"items\":[" + TradeCalls.trade(m.id(), "k-" + nextId(),
                    "5.00", buyer.id()) + "]}";
            Reply r = f.api.post("/v1/trades/batch", m.apiKey(), body);
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(available(f, buyer)).isEqualTo("20.00");
        }
    }

    private static void advance(ApiFixture f, long seconds) {
        Reply r = f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":" + seconds + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
}
