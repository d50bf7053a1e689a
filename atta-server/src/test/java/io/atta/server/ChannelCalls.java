package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.HttpApi.Reply;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/** Funding-channel calls as a bank integration and a user make them, for tests. */
final class ChannelCalls {
    record NewChannel(String id, String key) {
    }

    private final HttpApi api;

    ChannelCalls(HttpApi api) {
        this.api = api;
    }

    NewChannel create(String name, String currency) {
        Reply r = api.post("/v1/channels", adminKey, "{\"name\":\"" + name + "\",\"currency\":\"" + currency + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new NewChannel(r.body().get("channel_id").asText(), r.body().get("key").asText());
    }

    Reply deposit(String key, String channelId, String userId, String amount, String channelRef) {
        return api.post("/v1/channels/" + channelId + "/deposits", key, "{\"user_id\":\"" + userId
                + "\",\"amount\":\"" + amount + "\",\"currency\":\"CNY\",\"channel_ref\":\"" + channelRef + "\"}");
    }

    /** A deposit that must be made (201). */
    void deposited(NewChannel c, String userId, String amount, String channelRef) {
        Reply r = deposit(c.key(), c.id(), userId, amount, channelRef);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    Reply withdraw(String key, String userId, String channelId, String amount, String requestId, Integer timeout) {
        return api.post("/v1/users/" + userId + "/withdrawals", key, "{\"amount\":\"" + amount
                + "\",\"currency\":\"CNY\",\"channel_id\":\"" + channelId + "\",\"request_id\":\"" + requestId + "\""
                + (timeout == null ? "" : ",\"timeout_seconds\":" + timeout) + "}");
    }

    Reply confirm(String key, String withdrawalId, String channelRef) {
        return api.post("/v1/withdrawals/" + withdrawalId + "/confirm", key, "{\"channel_ref\":\"" + channelRef + "\"}");
    }

    Reply fail(String key, String withdrawalId, String reason) {
        return api.post("/v1/withdrawals/" + withdrawalId + "/fail", key,
                reason == null ? "" : "{\"reason\":\"" + reason + "\"}");
    }

    JsonNode withdrawal(String key, String withdrawalId) {
        Reply r = api.get("/v1/withdrawals/" + withdrawalId, key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
    }

    JsonNode statement(String key, String channelId, String date) {
        Reply r = api.get("/v1/channels/" + channelId + "/statement?date=" + date + "&time_zone=UTC", key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
    }
}
