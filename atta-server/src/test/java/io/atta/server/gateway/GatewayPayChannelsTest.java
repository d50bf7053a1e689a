package io.atta.server.gateway;

import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.response.AlipayTradePayResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alipay.trade.pay} chooses its funding source from Alipay's channel lists
 * ({@code disable_pay_channels} on the SDK's model, {@code enable_pay_channels} in biz_content):
 * the wallet by default, the fund ({@code moneyFund}) or credit pay ({@code pcredit}) when the
 * lists say so, and a refused source pays nothing from the wallet instead.
 */
class GatewayPayChannelsTest {
    @TempDir
    Path dir;

    private static AlipayTradePayResponse pay(GatewayServer s, GatewayServer.App app, GatewayServer.Buyer buyer,
                                              String out, String disabled, String bizContent) throws Exception {
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        if (bizContent != null) {
            request.setBizContent(bizContent.replace("AUTH", s.authCode(buyer)).replace("OUT", out));
        } else {
            AlipayTradePayModel model = new AlipayTradePayModel();
            model.setAuthCode(s.authCode(buyer));
            model.setScene("bar_code");
            model.setOutTradeNo(out);
            model.setTotalAmount("30.00");
            model.setSubject("Oolong 500g");
            model.setDisablePayChannels(disabled);
            request.setBizModel(model);
        }
        return app.client().execute(request);
    }

    @Test
    void theChannelListsChooseTheSourceAndARefusedSourceTakesNothingFromTheWallet() throws Exception {
        try (GatewayServer s = GatewayServer.startOnShards(dir, GatewayOptions.standard, 2)) {
            GatewayServer.App app = s.app("Channel Teahouse");
            GatewayServer.Buyer buyer = s.buyer("100.00");
            s.call("POST", "/v1/funds", "{\"code\":\"YEB\",\"name\":\"Yu'e Bao\",\"currency\":\"CNY\","
                    + "\"manager_user_id\":\"" + buyer.id() + "\"}", 201);

            AlipayTradePayResponse noUnits = pay(s, app, buyer, "c-1", "balance", null);
            assertThat(noUnits.isSuccess()).as(noUnits.getBody()).isFalse();
            assertThat(noUnits.getSubCode()).isEqualTo("ACQ.PAYMENT_FAIL");
            assertThat(noUnits.getSubMsg()).contains("insufficient_units");
            assertThat(s.balance(buyer.wallet())).as("the wallet did not pay instead").isEqualTo("100.00");

            AlipayTradePayResponse credit = pay(s, app, buyer, "c-2", "balance,moneyFund", null);
            assertThat(credit.isSuccess()).as(credit.getBody()).isFalse();
            assertThat(credit.getSubMsg()).as("no credit line").contains("credit_line_not_found");

            AlipayTradePayResponse none = pay(s, app, buyer, "c-3", "balance,moneyFund,pcredit", null);
            assertThat(none.isSuccess()).as(none.getBody()).isFalse();
            assertThat(none.getSubMsg()).contains("disable_pay_channels");

            AlipayTradePayResponse enabled = pay(s, app, buyer, "c-4", null, "{\"out_trade_no\":\"OUT\","
                    + "\"auth_code\":\"AUTH\",\"scene\":\"bar_code\",\"total_amount\":\"30.00\",\"subject\":\"Tea\","
                    + "\"enable_pay_channels\":\"moneyFund,balance\"}");
            assertThat(enabled.isSuccess()).as(enabled.getBody()).isFalse();
            assertThat(enabled.getSubMsg()).contains("insufficient_units");

            AlipayTradePayResponse wallet = pay(s, app, buyer, "c-5", null, null);
            assertThat(wallet.isSuccess()).as(wallet.getBody()).isTrue();
            assertThat(s.balance(buyer.wallet())).isEqualTo("70.00");
        }
    }
}
