package io.atta.server.gateway;

import com.alipay.api.domain.AlipayTradeCancelModel;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.atta.server.gateway.GatewaySdkFixture.App;
import io.atta.server.gateway.GatewaySdkFixture.Buyer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.atta.server.gateway.GatewaySdkFixture.execute;
import static io.atta.server.gateway.GatewaySdkFixture.nextId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alipay.trade.refund}, {@code fastpay.refund.query}, {@code close} and {@code cancel}
 * through the official SDK: what the merchant is told and where the buyer's money is.
 */
class GatewaySdkRefundTest {
    @TempDir
    static Path dir;
    static GatewaySdkFixture f;
    static App shop;

    @BeforeAll
    static void start() {
        f = new GatewaySdkFixture(dir);
        shop = f.app("Tea House");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @AfterEach
    void ledgerStaysConsistent() {
        f.assertLedgerConsistent();
    }

    static AlipayTradeRefundResponse refund(String outTradeNo, String amount, String outRequestNo) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(outTradeNo);
        model.setRefundAmount(amount);
        model.setOutRequestNo(outRequestNo);
        model.setRefundReason("out of stock");
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        return execute(shop.client(), request);
    }

    static AlipayTradeFastpayRefundQueryResponse refundQuery(String outTradeNo, String outRequestNo) {
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(outTradeNo);
        model.setOutRequestNo(outRequestNo);
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizModel(model);
        return execute(shop.client(), request);
    }

    static AlipayTradeCloseResponse close(String outTradeNo) {
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        return execute(shop.client(), request);
    }

    static AlipayTradeCancelResponse cancel(String outTradeNo) {
        AlipayTradeCancelModel model = new AlipayTradeCancelModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeCancelRequest request = new AlipayTradeCancelRequest();
        request.setBizModel(model);
        return execute(shop.client(), request);
    }

    @Test
    void full_refund_without_out_request_no_returns_the_money_and_closes_the_trade() {
        Buyer buyer = f.buyer("100.00");
        String out = nextId("r");
        AlipayTradePayResponse paid = f.pay(shop, f.paymentCode(buyer), out, "40.00");
        assertThat(f.balance(buyer)).isEqualTo("60.00");

        AlipayTradeRefundResponse r = refund(out, "40.00", null);

        assertThat(r.isSuccess()).as(r.getBody()).isTrue();
        assertThat(r.getCode()).isEqualTo("10000");
        assertThat(r.getFundChange()).isEqualTo("Y");
        assertThat(r.getRefundFee()).isEqualTo("40.00");
        assertThat(r.getTradeNo()).isEqualTo(paid.getTradeNo());
        assertThat(r.getOutTradeNo()).isEqualTo(out);
        assertThat(r.getGmtRefundPay()).isNotNull();
        assertThat(f.balance(buyer)).isEqualTo("100.00");
        assertThat(f.query(shop, out).getTradeStatus()).isEqualTo("TRADE_CLOSED");

        AlipayTradeFastpayRefundQueryResponse q = refundQuery(out, null);
        assertThat(q.isSuccess()).as(q.getBody()).isTrue();
        assertThat(q.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(q.getRefundAmount()).isEqualTo("40.00");
        assertThat(q.getTotalAmount()).isEqualTo("40.00");
    }

    @Test
    void partial_refund_with_out_request_no_is_idempotent() {
        Buyer buyer = f.buyer("100.00");
        String out = nextId("r");
        f.pay(shop, f.paymentCode(buyer), out, "50.00");

        AlipayTradeRefundResponse first = refund(out, "10.00", "req-1");
        assertThat(first.isSuccess()).as(first.getBody()).isTrue();
        assertThat(first.getFundChange()).isEqualTo("Y");
        assertThat(first.getRefundFee()).isEqualTo("10.00");
        assertThat(f.balance(buyer)).isEqualTo("60.00");

        AlipayTradeRefundResponse repeat = refund(out, "10.00", "req-1");
        assertThat(repeat.isSuccess()).as(repeat.getBody()).isTrue();
        assertThat(repeat.getFundChange()).isEqualTo("N");
        assertThat(repeat.getRefundFee()).isEqualTo("10.00");
        assertThat(f.balance(buyer)).isEqualTo("60.00");

        AlipayTradeRefundResponse second = refund(out, "15.00", "req-2");
        assertThat(second.getFundChange()).isEqualTo("Y");
        assertThat(second.getRefundFee()).isEqualTo("25.00");
        assertThat(f.balance(buyer)).isEqualTo("75.00");
        assertThat(f.query(shop, out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");

        AlipayTradeFastpayRefundQueryResponse q = refundQuery(out, "req-1");
        assertThat(q.isSuccess()).as(q.getBody()).isTrue();
        assertThat(q.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(q.getRefundAmount()).isEqualTo("10.00");
        assertThat(q.getOutRequestNo()).isEqualTo("req-1");
    }

    @Test
    void partial_refund_without_out_request_no_is_refused() {
        Buyer buyer = f.buyer("20.00");
        String out = nextId("r");
        f.pay(shop, f.paymentCode(buyer), out, "20.00");

        AlipayTradeRefundResponse r = refund(out, "5.00", null);

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.getCode()).isEqualTo("40004");
        assertThat(r.getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        assertThat(f.balance(buyer)).isEqualTo("0.00");
    }

    @Test
    void refund_of_more_than_remains_is_refused() {
        Buyer buyer = f.buyer("20.00");
        String out = nextId("r");
        f.pay(shop, f.paymentCode(buyer), out, "20.00");
        assertThat(refund(out, "15.00", "a").getFundChange()).isEqualTo("Y");

        AlipayTradeRefundResponse r = refund(out, "5.01", "b");

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.getSubCode()).isEqualTo("ACQ.REASON_TRADE_REFUND_FEE_ERR");
        assertThat(f.balance(buyer)).isEqualTo("15.00");
    }

    @Test
    void refund_of_an_unpaid_trade_is_a_status_error() {
        String out = nextId("r");
        assertThat(f.precreate(shop, out, "3.00").isSuccess()).isTrue();

        AlipayTradeRefundResponse r = refund(out, "3.00", null);

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
        assertThat(f.query(shop, out).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
    }

    @Test
    void refund_of_an_unknown_trade_does_not_exist() {
        AlipayTradeRefundResponse r = refund(nextId("none"), "1.00", null);
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void refund_query_of_an_unknown_request_is_a_success_without_a_refund() {
        Buyer buyer = f.buyer("5.00");
        String out = nextId("r");
        f.pay(shop, f.paymentCode(buyer), out, "5.00");

        AlipayTradeFastpayRefundQueryResponse q = refundQuery(out, "never-made");

        assertThat(q.isSuccess()).as(q.getBody()).isTrue();
        assertThat(q.getCode()).isEqualTo("10000");
        assertThat(q.getRefundStatus()).isNull();
        assertThat(q.getRefundAmount()).isNull();
    }

    @Test
    void close_of_an_unpaid_trade_closes_it_and_it_cannot_be_paid() {
        Buyer buyer = f.buyer("10.00");
        String out = nextId("c");
        String qr = f.precreate(shop, out, "3.00").getQrCode();

        AlipayTradeCloseResponse closed = close(out);

        assertThat(closed.isSuccess()).as(closed.getBody()).isTrue();
        assertThat(closed.getCode()).isEqualTo("10000");
        assertThat(closed.getOutTradeNo()).isEqualTo(out);
        assertThat(f.query(shop, out).getTradeStatus()).isEqualTo("TRADE_CLOSED");
        assertThat(f.payAt(qr, buyer).status()).isNotEqualTo(200);
        AlipayTradePayResponse pay = f.pay(shop, f.paymentCode(buyer), out, "3.00");
        assertThat(pay.isSuccess()).isFalse();
        assertThat(pay.getSubCode()).isEqualTo("ACQ.TRADE_HAS_CLOSE");
        assertThat(f.balance(buyer)).isEqualTo("10.00");

        AlipayTradeCloseResponse again = close(out);
        assertThat(again.isSuccess()).isFalse();
        assertThat(again.getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
    }

    @Test
    void close_of_a_paid_trade_is_a_status_error() {
        Buyer buyer = f.buyer("10.00");
        String out = nextId("c");
        f.pay(shop, f.paymentCode(buyer), out, "3.00");

        AlipayTradeCloseResponse r = close(out);

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
        assertThat(f.query(shop, out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(f.balance(buyer)).isEqualTo("7.00");
    }

    @Test
    void cancel_of_an_unpaid_trade_closes_it() {
        String out = nextId("x");
        f.precreate(shop, out, "3.00");

        AlipayTradeCancelResponse r = cancel(out);

        assertThat(r.isSuccess()).as(r.getBody()).isTrue();
        assertThat(r.getAction()).isEqualTo("close");
        assertThat(r.getRetryFlag()).isEqualTo("N");
        assertThat(f.query(shop, out).getTradeStatus()).isEqualTo("TRADE_CLOSED");
    }

    @Test
    void cancel_of_a_paid_trade_refunds_the_buyer() {
        Buyer buyer = f.buyer("10.00");
        String out = nextId("x");
        f.pay(shop, f.paymentCode(buyer), out, "6.00");
        assertThat(f.balance(buyer)).isEqualTo("4.00");

        AlipayTradeCancelResponse r = cancel(out);

        assertThat(r.isSuccess()).as(r.getBody()).isTrue();
        assertThat(r.getAction()).isEqualTo("refund");
        assertThat(f.balance(buyer)).isEqualTo("10.00");
        assertThat(f.query(shop, out).getTradeStatus()).isEqualTo("TRADE_CLOSED");

        AlipayTradeCancelResponse again = cancel(out);
        assertThat(again.isSuccess()).as(again.getBody()).isTrue();
        assertThat(f.balance(buyer)).isEqualTo("10.00");
    }
}
