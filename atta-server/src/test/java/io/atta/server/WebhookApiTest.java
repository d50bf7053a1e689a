package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.HttpApi.Reply;
import io.atta.server.notify.Await;
import io.atta.server.notify.MerchantSignatureCheck;
import io.atta.server.notify.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.TradeCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** Webhooks as a merchant meets them: its URL given at creation, its trades' events signed with its secret. */
class WebhookApiTest {
    @Test
    void a_merchants_trade_events_arrive_at_its_webhook_url_signed(@TempDir Path dir) {
        try (ApiFixture f = ApiFixture.onAttaNodeWithLocalWebhooks(dir, 2); WebhookReceiver receiver = WebhookReceiver.accepting()) {
            Reply r = f.api.post("/v1/merchants", adminKey,
                    "{\"name\":\"Tea House\",\"webhook_url\":\"" + receiver.url() + "\"}");
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            String merchantId = r.body().get("merchant_id").asText();
            String apiKey = r.body().get("api_key").asText();
            String secret = r.body().get("webhook_secret").asText();
            TradeCalls t = new TradeCalls(f);
            NewUser buyer = t.buyerAwayFrom(merchantId, "100.00");
            Reply created = t.create(apiKey, TradeCalls.trade(merchantId, "order-1", "30.00", null));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String tradeNo = created.body().get("trade_no").asText();

            t.paid(buyer, tradeNo);
            ok(t.act(apiKey, tradeNo, "ship", "{\"carrier\":\"SF\",\"tracking_no\":\"SF123\"}"));

            List<WebhookReceiver.Received> got = Await.until("two events arrive", receiver::received,
                    l -> l.size() >= 2);
            List<JsonNode> events = got.stream().map(x -> json(x.body())).toList();
            // Delivery order is not guaranteed.
            assertThat(events).extracting(e -> e.get("type").asText())
                    .containsExactlyInAnyOrder("trade.paid", "trade.shipped");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.at("/data/trade_no").asText()).isEqualTo(tradeNo);
                assertThat(e.at("/data/out_trade_no").asText()).isEqualTo("order-1");
                assertThat(e.at("/data/merchant_id").asText()).isEqualTo(merchantId);
            });
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("trade.paid")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.at("/data/status").asText()).isEqualTo("WAIT_SELLER_SEND_GOODS");
                        assertThat(e.at("/data/amount").asText()).isEqualTo("30.00");
                    });
            assertThat(got).allSatisfy(x -> assertThat(MerchantSignatureCheck.signed(x, secret)).isTrue());
            assertThat(got).extracting(x -> x.header("Atta-Event-Id")).doesNotHaveDuplicates();
        }
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
