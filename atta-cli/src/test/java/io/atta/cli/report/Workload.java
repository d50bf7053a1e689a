package io.atta.cli.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded workload of the kinds of change the projection holds: top-ups, P2P payments between
 * users on any shards, and trades paid, confirmed, refunded before and after release.
 */
final class Workload {
    private final Api api;
    private final SplittableRandom random;
    final List<Api.User> users = new ArrayList<>();
    final List<Api.Merchant> merchants = new ArrayList<>();
    private long ids;

    Workload(Api api, long seed) {
        this.api = api;
        this.random = new SplittableRandom(seed);
        ids = seed * 1_000_000;
    }

    void setUp(int userCount, int merchantCount) {
        for (int i = 0; i < userCount; i++) {
            users.add(api.user((100 + random.nextInt(900)) + ".00", ++ids));
        }
        for (int i = 0; i < merchantCount; i++) {
            merchants.add(api.merchant("Shop " + (++ids)));
        }
    }

    /** {@code steps} random actions. */
    void run(int steps) {
        for (int i = 0; i < steps; i++) {
            int kind = random.nextInt(10);
            Api.User a = users.get(random.nextInt(users.size()));
            Api.User b = users.get(random.nextInt(users.size()));
            String amount = (1 + random.nextInt(20)) + "." + (10 + random.nextInt(90));
            if (kind < 4 && a != b) {
                api.call("POST", "/v1/payments/p2p", a.token(), "{\"from_user_id\":\"" + a.id() + "\",\"to_user_id\":\""
                        + b.id() + "\",\"amount\":\"" + amount + "\",\"currency\":\"CNY\",\"request_id\":\"p-" + (++ids)
                        + "\"}", 200, 201, 409);
            } else if (kind < 5) {
                api.admin("POST", "/v1/users/" + a.id() + "/topup", "{\"amount\":\"" + amount
                        + "\",\"currency\":\"CNY\",\"request_id\":\"t-" + (++ids) + "\"}");
            } else {
                trade(a, merchants.get(random.nextInt(merchants.size())), amount, kind);
            }
        }
    }

    private void trade(Api.User buyer, Api.Merchant m, String amount, int kind) {
        JsonNode created = api.call("POST", "/v1/trades", m.key(), "{\"out_trade_no\":\"o-" + (++ids) + "\",\"seller\":\""
                + m.id() + "\",\"amount\":\"" + amount + "\",\"currency\":\"CNY\",\"subject\":\"Tea\","
                + "\"goods_type\":\"physical\",\"buyer_user_id\":\"" + buyer.id() + "\"}");
        String no = created.get("trade_no").asText();
        JsonNode paid = api.call("POST", "/v1/trades/" + no + "/pay", buyer.token(), "", 200, 409);
        if (!paid.has("trade_no")) {
            return; // insufficient funds: the trade stays unpaid
        }
        if (kind == 5) {
            return; // paid and held
        }
        if (kind == 6) {
            refund(buyer, m, no, "1.00");
            return;
        }
        api.call("POST", "/v1/trades/" + no + "/ship", m.key(), "{\"carrier\":\"SF\",\"tracking_no\":\"SF" + ids + "\"}");
        api.call("POST", "/v1/trades/" + no + "/confirm", buyer.token(), "{}");
        if (kind == 7) {
            refund(buyer, m, no, "0.50");
        }
    }

    private void refund(Api.User buyer, Api.Merchant m, String tradeNo, String amount) {
        JsonNode asked = api.call("POST", "/v1/trades/" + tradeNo + "/refunds", buyer.token(), "{\"out_request_no\":\"r-"
                + (++ids) + "\",\"amount\":\"" + amount + "\",\"reason\":\"chipped\"}");
        String refundId = asked.findValue("refund_id").asText();
        api.call("POST", "/v1/trades/" + tradeNo + "/refunds/" + refundId + "/agree", m.key(), "");
    }
}
