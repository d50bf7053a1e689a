package io.atta.server.gateway;

import io.atta.server.cashier.HtmlText;
import io.javalin.http.Context;

import java.util.Set;

/**
 * {@code alipay.trade.page.pay}, {@code wap.pay} and {@code app.pay}: the SDK makes no call for
 * these, it hands the signed request to the buyer's browser (an auto-submitting form or a URL) or
 * app (an order string). The gateway opens the order and sends the buyer to its cashier page,
 * where the buyer signs in and pays. A refused request shows the buyer the error instead.
 */
final class PageMethods {
    static final String pagePay = "alipay.trade.page.pay";
    static final String wapPay = "alipay.trade.wap.pay";
    static final String appPay = "alipay.trade.app.pay";
    private static final Set<String> all = Set.of(pagePay, wapPay, appPay);

    private PageMethods() {
    }

    static boolean isPage(String method) {
        return method != null && all.contains(method);
    }

    static void answer(Context ctx, MethodReply reply, String method) {
        if (reply.error() == null) {
            ctx.status(302).header("Location", (String) reply.fields().get("cashier_url"));
            return;
        }
        GatewayError e = reply.error();
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Atta Cashier</title>"
                + "</head><body><h1>Atta Cashier</h1><p id=\"error\" role=\"alert\">This payment cannot be made: "
                + HtmlText.escape(e.subMsg()) + "</p><p><code>" + HtmlText.escape(e.code() + " " + e.subCode()) + "</code> ("
                + HtmlText.escape(method) + ")</p></body></html>";
        ctx.status(400).contentType("text/html; charset=utf-8").result(html);
    }
}
