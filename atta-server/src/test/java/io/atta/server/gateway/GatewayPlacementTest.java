package io.atta.server.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.atta.core.Ids;
import io.atta.server.trades.TradeIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alipay.trade.pay} on a node of several shards: the trade is opened and paid in one log
 * entry of the buyer's shard, its out_trade_no claimed on the shard its name names, and
 * {@code alipay.trade.query} and {@code alipay.trade.refund} by out_trade_no find it there.
 */
class GatewayPlacementTest {
    @TempDir
    Path dir;

    private static AlipayTradePayResponse pay(GatewayServer s, GatewayServer.App app, GatewayServer.Buyer buyer,
                                              String out, String amount) throws AlipayApiException {
        AlipayTradePayModel model = new AlipayTradePayModel();
        model.setAuthCode(s.authCode(buyer));
        model.setScene("bar_code");
        model.setOutTradeNo(out);
        model.setTotalAmount(amount);
        model.setSubject("Oolong 500g");
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setBizModel(model);
        return app.client().execute(request);
    }

    private static AlipayTradeQueryResponse query(GatewayServer.App app, String out) throws AlipayApiException {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(out);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return app.client().execute(request);
    }

    /** An out_trade_no of the app's merchant whose name lives on another shard than {@code buyer}. */
    private static String outAwayFrom(GatewayServer s, GatewayServer.App app, GatewayServer.Buyer buyer) {
        for (int n = 0; n < 64; n++) {
            String out = "placed-" + System.nanoTime();
            if (s.node.shardOf(TradeIds.tradeNo(Long.parseLong(app.merchantId()), out))
                    != s.node.shardOf(Long.parseLong(buyer.id()))) {
                return out;
            }
        }
        throw new AssertionError("64 out_trade_nos all named the buyer's shard");
    }

    @Test
    void aPaymentCodePaymentIsPlacedOnTheBuyersShardAndFoundByItsOutTradeNo() throws Exception {
        try (GatewayServer s = GatewayServer.startOnShards(dir, GatewayOptions.standard, 4)) {
            GatewayServer.App app = s.app("Placed Teahouse");
            GatewayServer.Buyer buyer = s.buyer("100.00");
            String out = outAwayFrom(s, app, buyer);

            AlipayTradePayResponse paid = pay(s, app, buyer, out, "30.00");
            assertThat(paid.isSuccess()).as(paid.getBody()).isTrue();
            assertThat(Ids.slotOf(Long.parseLong(paid.getTradeNo()))).as("the buyer's slot")
                    .isEqualTo(Ids.slotOf(Long.parseLong(buyer.id())));
            assertThat(s.balance(buyer.wallet())).isEqualTo("70.00");

            AlipayTradeQueryResponse q = query(app, out);
            assertThat(q.isSuccess()).as(q.getBody()).isTrue();
            assertThat(q.getTradeNo()).isEqualTo(paid.getTradeNo());
            assertThat(q.getTradeStatus()).isEqualTo("TRADE_SUCCESS");

            AlipayTradeRefundModel model = new AlipayTradeRefundModel();
            model.setOutTradeNo(out);
            model.setRefundAmount("10.00");
            model.setOutRequestNo("r-1");
            AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
            refund.setBizModel(model);
            AlipayTradeRefundResponse refunded = app.client().execute(refund);
            assertThat(refunded.isSuccess()).as(refunded.getBody()).isTrue();
            assertThat(s.balance(buyer.wallet())).isEqualTo("80.00");

            // Another buyer's code, on another shard, for the same out_trade_no: paid already, and
            // nobody is charged again.
            GatewayServer.Buyer other = s.buyer("100.00");
            for (int n = 0; n < 64 && s.node.shardOf(Long.parseLong(other.id()))
                    == s.node.shardOf(Long.parseLong(buyer.id())); n++) {
                other = s.buyer("100.00");
            }
            AlipayTradePayResponse again = pay(s, app, other, out, "30.00");
            assertThat(again.isSuccess()).isFalse();
            assertThat(again.getSubCode()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
            assertThat(again.getTradeNo()).isEqualTo(paid.getTradeNo());
            assertThat(s.balance(other.wallet())).isEqualTo("100.00");
            assertThat(s.balance(buyer.wallet())).isEqualTo("80.00");
            assertThat(s.call("GET", "/v1/admin/invariants", null, 200).get("violations")).isEmpty();
        }
    }
}
