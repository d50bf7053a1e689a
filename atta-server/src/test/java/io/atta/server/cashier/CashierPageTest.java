package io.atta.server.cashier;

import io.atta.core.Currency;
import io.atta.core.trade.TradeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CashierPageTest {
    static CashierView payable() {
        return new CashierView("2026112122001400001", "ORDER-42", "Tea House", "Oolong 500g", 8888,
                Currency.CNY, TradeStatus.WAIT_BUYER_PAY, "2026-11-21 18:30 CST", null, "/cashier/2026112122001400001");
    }

    static CashierView withStatus(CashierView v, TradeStatus status) {
        return new CashierView(v.tradeNo(), v.outTradeNo(), v.merchantName(), v.subject(), v.amountMinor(),
                v.currency(), status, v.expiresAtText(), v.error(), v.formAction());
    }

    @Test
    void payableOrderShowsTheOrderAndTheSignInForm() {
        String html = CashierPage.render(payable());

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("<h1>Atta Cashier</h1>")
                .contains(">Tea House</p>", ">Oolong 500g</p>", ">ORDER-42</dd>", ">2026112122001400001</dd>")
                .contains("<p id=\"amount\" class=\"amount\">¥88.88 <span class=\"code\">CNY</span></p>")
                .contains("<dd id=\"expires_at\">2026-11-21 18:30 CST</dd>")
                .contains("<form method=\"post\" action=\"/cashier/2026112122001400001\"")
                .contains("<input id=\"user_id\" name=\"user_id\"")
                .contains("<input id=\"api_key\" name=\"api_key\" type=\"password\"")
                .contains("<button id=\"pay\" type=\"submit\">Pay ¥88.88</button>")
                .doesNotContain("id=\"error\"", "id=\"status\"");
        // Self-contained: nothing is loaded from anywhere and nothing runs.
        assertThat(html).doesNotContain("<script", "<link", "src=", "http:", "https:");
    }

    @Test
    void amountHasExactlyTheCurrencyScale() {
        CashierView v = payable();
        assertThat(amountOf(v, 1, Currency.CNY)).contains(">¥0.01 <", "Pay ¥0.01<");
        assertThat(amountOf(v, 100, Currency.CNY)).contains(">¥1.00 <");
        assertThat(amountOf(v, 123_456_789_00L, Currency.USD)).contains(">$123456789.00 <span class=\"code\">USD<");
        assertThat(amountOf(v, 500, Currency.JPY)).contains(">¥500 <span class=\"code\">JPY<", "Pay ¥500<");
        assertThat(amountOf(v, 1999, Currency.HKD)).contains(">HK$19.99 <");
        assertThat(amountOf(v, 1999, Currency.EUR)).contains(">€19.99 <");
    }

    @Test
    void merchantInputIsEscapedEverywhere() {
        String hostile = "<script>alert(\"x\")</script> & 'q' <img src=x onerror=alert(1)>";
        CashierView v = new CashierView("T<1>", "O\"2\"", hostile, hostile, 8888, Currency.CNY,
                TradeStatus.WAIT_BUYER_PAY, "<b>soon</b>", hostile, "/pay?a=1&b=\"><script>x</script>");
        String html = CashierPage.render(v);

        String escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; "
                + "&lt;img src=x onerror=alert(1)&gt;";
        assertThat(html).contains("<title>Atta Cashier · " + escaped + "</title>")
                .contains("<p id=\"merchant\" class=\"merchant\">" + escaped + "</p>")
                .contains("<p id=\"subject\" class=\"subject\">" + escaped + "</p>")
                .contains("role=\"alert\">" + escaped + "</p>")
                .contains(">T&lt;1&gt;</dd>", ">O&quot;2&quot;</dd>", ">&lt;b&gt;soon&lt;/b&gt;</dd>")
                .contains("action=\"/pay?a=1&amp;b=&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"")
                .doesNotContain("<script", "<img", "<b>");
    }

    @Test
    void errorIsShownAboveTheFormOnlyWhenGiven() {
        String html = CashierPage.render(payable().withError("Wrong user ID or API key"));

        assertThat(html).contains("<p id=\"error\" class=\"error\" role=\"alert\">Wrong user ID or API key</p>");
        assertThat(html.indexOf("id=\"error\"")).isLessThan(html.indexOf("<form"));
        assertThat(CashierPage.render(payable())).doesNotContain("role=\"alert\"");
    }

    @ParameterizedTest
    @EnumSource(value = TradeStatus.class, names = {"WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS",
            "TRADE_SUCCESS", "TRADE_FINISHED"})
    void paidOrderShowsPaidAndNoForm(TradeStatus status) {
        String html = CashierPage.render(withStatus(payable().withError("stale error"), status));

        assertThat(html).contains("<p id=\"status\" class=\"status paid\">Paid</p>", ">¥88.88 <")
                .doesNotContain("<form", "<input", "id=\"pay\"", "stale error", "id=\"expires_at\"");
    }

    @Test
    void closedOrderSaysSoAndHasNoForm() {
        String html = CashierPage.render(withStatus(payable(), TradeStatus.TRADE_CLOSED));

        assertThat(html).contains("<p id=\"status\" class=\"status closed\">This order is closed</p>")
                .doesNotContain("<form", "<input", "id=\"pay\"", "id=\"expires_at\"");
    }

    @Test
    void negativeAmountIsABug() {
        assertThatThrownBy(() -> new CashierView("T", "O", "M", "S", -1, Currency.CNY, TradeStatus.WAIT_BUYER_PAY,
                null, null, "/pay")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amountMinor");
    }

    private static String amountOf(CashierView v, long minor, Currency currency) {
        return CashierPage.render(new CashierView(v.tradeNo(), v.outTradeNo(), v.merchantName(), v.subject(), minor,
                currency, v.status(), v.expiresAtText(), v.error(), v.formAction()));
    }
}
