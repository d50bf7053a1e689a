package io.atta.server.gateway;

import com.alipay.api.AlipayClient;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import io.atta.server.outbound.SsrfTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway request's {@code notify_url} is a URL the server will call: the SSRF table is
 * refused through the official SDK (no order made), and a public address is taken.
 */
class GatewayNotifyUrlTest {
    @Test
    void notify_urls_to_non_public_addresses_are_refused_and_no_order_is_made(@TempDir Path dir) throws Exception {
        try (GatewayServer s = GatewayServer.startPublicOnly(dir, GatewayOptions.standard)) {
            GatewayServer.App app = s.app("Tea House");
            AlipayClient client = app.client();
            int n = 0;
            for (String url : SsrfTable.refused()) {
                String out = "ssrf-" + (n++);
                AlipayTradePrecreateResponse r = client.execute(precreate(out, url));

                assertThat(r.isSuccess()).as("%s: %s", url, r.getBody()).isFalse();
                assertThat(r.getSubMsg()).as(url).startsWith("notify_url ");
            }
            // Refused before the method runs: no order of any of them exists.
            for (int i = 0; i < n; i += 16) {
                assertThat(client.execute(query("ssrf-" + i)).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
            }
            AlipayTradePrecreateResponse taken = client.execute(precreate("public-1", "https://93.184.216.34/notify"));
            assertThat(taken.isSuccess()).as(taken.getBody()).isTrue();
        }
    }

    private static AlipayTradePrecreateRequest precreate(String outTradeNo, String notifyUrl) {
        AlipayTradePrecreateRequest r = new AlipayTradePrecreateRequest();
        r.setNotifyUrl(notifyUrl);
        r.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\",\"subject\":\"A teapot\",\"total_amount\":\"1.00\"}");
        return r;
    }

    private static AlipayTradeQueryRequest query(String outTradeNo) {
        AlipayTradeQueryRequest r = new AlipayTradeQueryRequest();
        r.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\"}");
        return r;
    }
}
