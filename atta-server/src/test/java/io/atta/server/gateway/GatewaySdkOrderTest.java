package io.atta.server.gateway;

import com.alipay.api.domain.AlipayTradeCreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.request.AlipayTradeCreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradeCreateResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
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
 * The methods that open and pay a trade, and {@code alipay.trade.query}, called through the
 * official Alipay SDK (which checks every answer's signature) against a real server.
 */
class GatewaySdkOrderTest {
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

    @Test
    void precreate_gives_a_qr_code_of_this_server_that_a_buyer_pays() {
        Buyer buyer = f.buyer("100.00");
        String out = nextId("pre");

        AlipayTradePrecreateResponse created = f.precreate(shop, out, "30.00");

        assertThat(created.isSuccess()).as(created.getBody()).isTrue();
        assertThat(created.getCode()).isEqualTo("10000");
        assertThat(created.getOutTradeNo()).isEqualTo(out);
        assertThat(created.getQrCode()).startsWith(f.base + "/");
        assertThat(f.query(shop, out).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");

        GatewaySdkFixture.Reply paid = f.payAt(created.getQrCode(), buyer);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);

        AlipayTradeQueryResponse q = f.query(shop, out);
        assertThat(q.isSuccess()).as(q.getBody()).isTrue();
        assertThat(q.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(q.getBuyerUserId()).isEqualTo(buyer.id());
        assertThat(q.getTotalAmount()).isEqualTo("30.00");
        assertThat(q.getBuyerPayAmount()).isEqualTo("30.00");
        assertThat(q.getSendPayDate()).isNotNull();
        assertThat(f.balance(buyer)).isEqualTo("70.00");
    }

    @Test
    void precreate_repeated_answers_the_same_order_and_after_payment_says_it_is_paid() {
        Buyer buyer = f.buyer("10.00");
        String out = nextId("pre");
        AlipayTradePrecreateResponse first = f.precreate(shop, out, "5.00");
        AlipayTradePrecreateResponse again = f.precreate(shop, out, "5.00");
        assertThat(again.isSuccess()).as(again.getBody()).isTrue();
        assertThat(again.getQrCode()).isEqualTo(first.getQrCode());

        assertThat(f.payAt(first.getQrCode(), buyer).status()).isEqualTo(200);

        AlipayTradePrecreateResponse afterPaid = f.precreate(shop, out, "5.00");
        assertThat(afterPaid.isSuccess()).isFalse();
        assertThat(afterPaid.getSubCode()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
        assertThat(f.balance(buyer)).isEqualTo("5.00");
    }

    @Test
    void create_for_a_named_buyer_gives_a_trade_no_the_buyer_pays() {
        Buyer buyer = f.buyer("50.00");
        String out = nextId("create");
        AlipayTradeCreateModel model = new AlipayTradeCreateModel();
        model.setOutTradeNo(out);
        model.setTotalAmount("12.34");
        model.setSubject("Jasmine");
        model.setBuyerId(buyer.id());
        AlipayTradeCreateRequest request = new AlipayTradeCreateRequest();
        request.setBizModel(model);

        AlipayTradeCreateResponse created = execute(shop.client(), request);

        assertThat(created.isSuccess()).as(created.getBody()).isTrue();
        assertThat(created.getOutTradeNo()).isEqualTo(out);
        assertThat(created.getTradeNo()).isNotBlank();
        AlipayTradeQueryResponse waiting = f.query(shop, out);
        assertThat(waiting.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(waiting.getTradeNo()).isEqualTo(created.getTradeNo());

        GatewaySdkFixture.Reply paid = f.payAt(f.base + "/cashier/" + created.getTradeNo(), buyer);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        AlipayTradeQueryResponse q = f.query(shop, out);
        assertThat(q.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(q.getBuyerUserId()).isEqualTo(buyer.id());
        assertThat(f.balance(buyer)).isEqualTo("37.66");
    }

    @Test
    void create_for_one_buyer_cannot_be_paid_by_another() {
        Buyer named = f.buyer("50.00");
        Buyer other = f.buyer("50.00");
        AlipayTradeCreateModel model = new AlipayTradeCreateModel();
        model.setOutTradeNo(nextId("create"));
        model.setTotalAmount("1.00");
        model.setSubject("Jasmine");
        model.setBuyerId(named.id());
        AlipayTradeCreateRequest request = new AlipayTradeCreateRequest();
        request.setBizModel(model);
        AlipayTradeCreateResponse created = execute(shop.client(), request);

        GatewaySdkFixture.Reply refused = f.payAt(f.base + "/cashier/" + created.getTradeNo(), other);

        assertThat(refused.status()).as(refused.toString()).isNotEqualTo(200);
        assertThat(f.balance(other)).isEqualTo("50.00");
        assertThat(f.query(shop, model.getOutTradeNo()).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
    }

    @Test
    void pay_with_a_payment_code_pays_at_once() {
        Buyer buyer = f.buyer("100.00");
        String out = nextId("pay");

        AlipayTradePayResponse paid = f.pay(shop, f.paymentCode(buyer), out, "88.88");

        assertThat(paid.isSuccess()).as(paid.getBody()).isTrue();
        assertThat(paid.getCode()).isEqualTo("10000");
        assertThat(paid.getOutTradeNo()).isEqualTo(out);
        assertThat(paid.getTradeNo()).isNotBlank();
        assertThat(paid.getBuyerUserId()).isEqualTo(buyer.id());
        assertThat(paid.getTotalAmount()).isEqualTo("88.88");
        assertThat(paid.getReceiptAmount()).isEqualTo("88.88");
        assertThat(paid.getGmtPayment()).isNotNull();
        assertThat(paid.getFundBillList()).hasSize(1);
        assertThat(paid.getFundBillList().get(0).getAmount()).isEqualTo("88.88");
        assertThat(paid.getFundBillList().get(0).getFundChannel()).isNotBlank();
        assertThat(f.balance(buyer)).isEqualTo("11.12");
        assertThat(f.query(shop, out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void pay_beyond_the_buyers_balance_is_refused_and_moves_nothing() {
        Buyer buyer = f.buyer("10.00");

        AlipayTradePayResponse refused = f.pay(shop, f.paymentCode(buyer), nextId("pay"), "10.01");

        assertThat(refused.isSuccess()).isFalse();
        assertThat(refused.getCode()).isEqualTo("40004");
        assertThat(refused.getSubCode()).isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");
        assertThat(f.balance(buyer)).isEqualTo("10.00");
    }

    @Test
    void pay_with_a_forged_or_garbage_code_is_refused() {
        Buyer buyer = f.buyer("10.00");
        String real = f.paymentCode(buyer);
        char last = real.charAt(real.length() - 1);
        String forged = real.substring(0, real.length() - 1) + (last == '9' ? '0' : (char) (last + 1));

        for (String code : new String[]{forged, "283456789012345678", "not-a-code"}) {
            AlipayTradePayResponse refused = f.pay(shop, code, nextId("pay"), "1.00");
            assertThat(refused.isSuccess()).as(code).isFalse();
            assertThat(refused.getCode()).isEqualTo("40004");
            assertThat(refused.getSubCode()).as(code).isEqualTo("ACQ.PAYMENT_AUTH_CODE_INVALID");
        }
        assertThat(f.balance(buyer)).isEqualTo("10.00");
    }

    @Test
    void pay_repeated_for_a_paid_order_says_it_is_paid_and_charges_once() {
        Buyer buyer = f.buyer("10.00");
        String out = nextId("pay");
        String code = f.paymentCode(buyer);
        assertThat(f.pay(shop, code, out, "4.00").isSuccess()).isTrue();

        AlipayTradePayResponse again = f.pay(shop, code, out, "4.00");

        assertThat(again.isSuccess()).isFalse();
        assertThat(again.getSubCode()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
        assertThat(f.balance(buyer)).isEqualTo("6.00");
    }

    @Test
    void another_buyers_code_for_a_paid_order_says_it_is_paid_and_charges_nobody() {
        Buyer first = f.buyer("10.00");
        Buyer second = f.buyer("10.00");
        String out = nextId("pay");
        assertThat(f.pay(shop, f.paymentCode(first), out, "4.00").isSuccess()).isTrue();

        AlipayTradePayResponse again = f.pay(shop, f.paymentCode(second), out, "4.00");

        assertThat(again.isSuccess()).isFalse();
        assertThat(again.getSubCode()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
        assertThat(f.balance(first)).isEqualTo("6.00");
        assertThat(f.balance(second)).isEqualTo("10.00");
    }

    @Test
    void an_order_repeated_with_other_terms_is_refused() {
        String out = nextId("pre");
        assertThat(f.precreate(shop, out, "5.00").isSuccess()).isTrue();

        AlipayTradePrecreateResponse other = f.precreate(shop, out, "6.00");

        assertThat(other.isSuccess()).isFalse();
        assertThat(other.getSubCode()).isEqualTo("ACQ.CONTEXT_INCONSISTENT");
        assertThat(f.query(shop, out).getTotalAmount()).isEqualTo("5.00");
    }

    @Test
    void query_by_trade_no_wins_over_out_trade_no() {
        Buyer buyer = f.buyer("10.00");
        String paidOut = nextId("q");
        AlipayTradePayResponse paid = f.pay(shop, f.paymentCode(buyer), paidOut, "2.00");
        String waitingOut = nextId("q");
        f.precreate(shop, waitingOut, "3.00");

        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setTradeNo(paid.getTradeNo());
        model.setOutTradeNo(waitingOut);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        AlipayTradeQueryResponse q = execute(shop.client(), request);

        assertThat(q.isSuccess()).as(q.getBody()).isTrue();
        assertThat(q.getTradeNo()).isEqualTo(paid.getTradeNo());
        assertThat(q.getOutTradeNo()).isEqualTo(paidOut);
        assertThat(q.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(q.getTotalAmount()).isEqualTo("2.00");
    }

    @Test
    void query_of_an_unknown_trade_says_it_does_not_exist() {
        AlipayTradeQueryResponse byOut = f.query(shop, nextId("nope"));
        assertThat(byOut.isSuccess()).isFalse();
        assertThat(byOut.getCode()).isEqualTo("40004");
        assertThat(byOut.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setTradeNo("4611686018427387905");
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        AlipayTradeQueryResponse byNo = execute(shop.client(), request);
        assertThat(byNo.isSuccess()).isFalse();
        assertThat(byNo.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void another_merchants_trade_does_not_exist_for_this_app() {
        App other = f.app("Coffee Cart");
        String out = nextId("mine");
        AlipayTradePrecreateResponse created = f.precreate(other, out, "1.00");
        assertThat(created.isSuccess()).isTrue();
        String tradeNo = f.query(other, out).getTradeNo();

        assertThat(f.query(shop, out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setTradeNo(tradeNo);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        AlipayTradeQueryResponse byNo = execute(shop.client(), request);
        assertThat(byNo.isSuccess()).isFalse();
        assertThat(byNo.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }
}
