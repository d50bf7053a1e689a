package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/** The merchant and trade calls tests make, through the API as a merchant or buyer would. */
final class TradeCalls {
    private final ApiFixture f;
    private final HttpApi api;

    record Merchant(String id, String apiKey, String settlementAccount, String wallet, String webhookSecret) {
    }

    TradeCalls(ApiFixture f) {
        this.f = f;
        this.api = f.api;
    }

    Merchant merchant(String name) {
        Reply r = api.post("/v1/merchants", adminKey, "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode b = r.body();
        return new Merchant(b.get("merchant_id").asText(), b.get("api_key").asText(),
                b.get("settlement_account_id").asText(), b.get("wallet_account_id").asText(),
                b.get("webhook_secret").asText());
    }

    int shardOf(String id) {
        return f.service.shardOf(Long.parseLong(id));
    }

    /** A funded CNY user on another shard than {@code id}. */
    NewUser buyerAwayFrom(String id, String amount) {
        for (int attempt = 0; attempt < 64; attempt++) {
            NewUser u = f.createFundedUser(amount);
            if (shardOf(u.id()) != shardOf(id)) {
                return u;
            }
        }
        throw new AssertionError("64 random users all landed on the shard of " + id);
    }

    static String trade(String seller, String outTradeNo, String amount, String buyer) {
        return "{\"out_trade_no\":\"" + outTradeNo + "\",\"seller\":\"" + seller + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"CNY\",\"subject\":\"A teapot\",\"goods_type\":\"physical\""
                + (buyer == null ? "" : ",\"buyer_user_id\":\"" + buyer + "\"") + "}";
    }

    Reply create(String key, String body) {
        return api.post("/v1/trades", key, body);
    }

    /** Creates a trade as the merchant; returns its number. */
    String created(Merchant m, String outTradeNo, String amount, String buyer) {
        Reply r = create(m.apiKey(), trade(m.id(), outTradeNo, amount, buyer));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("trade_no").asText();
    }

    Reply pay(String key, String tradeNo) {
        return api.post("/v1/trades/" + tradeNo + "/pay", key, "");
    }

    /** Pays as the buyer and expects it to succeed. */
    JsonNode paid(NewUser buyer, String tradeNo) {
        return ok(pay(buyer.token(), tradeNo));
    }

    Reply act(String key, String tradeNo, String action, String body) {
        return api.post("/v1/trades/" + tradeNo + "/" + action, key, body);
    }

    Reply get(String key, String tradeNo) {
        return api.get("/v1/trades/" + tradeNo, key);
    }

    JsonNode trade(String tradeNo) {
        return ok(get(adminKey, tradeNo));
    }

    static JsonNode ok(Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
    }

    static void refused(Reply r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }
}
