package io.atta.server.cashier;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.trade.TradeStatus;

import static io.atta.server.cashier.HtmlText.escape;

/**
 * The cashier page: the order a buyer is asked to pay and, while it is payable, a form to sign in
 * and pay. One self-contained HTML5 document (inline CSS, no script, no external resource), laid
 * out for a phone first, so that {@code alipay.trade.wap.pay} and a QR code scanned on a phone show
 * it as well as a desktop does. The route that serves it answers the form: with this page again
 * and an error, or with a 303 to the merchant's return URL.
 */
public final class CashierPage {
    public static final String contentType = "text/html; charset=utf-8";

    /**
     * The policy the route should send with the page: it needs nothing but its inline style. It
     * has no {@code form-action}: browsers apply that to the redirects after a submission too,
     * and the payment ends with a redirect to the merchant's own site.
     */
    public static final String contentSecurityPolicy =
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

    private static final String style = """
            *{box-sizing:border-box}
            body{margin:0;background:#f2f4f7;color:#1d2129;font:16px/1.5 system-ui,-apple-system,"Segoe UI",\
            "PingFang SC","Microsoft YaHei",sans-serif}
            main{max-width:28rem;margin:0 auto;padding:1rem}
            header h1{margin:0 0 1rem;font-size:1.1rem;color:#1677ff}
            section{background:#fff;border-radius:12px;padding:1.25rem;margin-bottom:1rem}
            .merchant{margin:0;color:#4e5969}
            .subject{margin:.25rem 0 0;font-weight:600;overflow-wrap:anywhere}
            .amount{margin:.75rem 0;font-size:2.25rem;font-weight:700;overflow-wrap:anywhere}
            .amount .code{font-size:1rem;font-weight:400;color:#86909c}
            dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;font-size:.9rem}
            dt{color:#86909c}
            dd{margin:0;overflow-wrap:anywhere}
            label{display:block;margin:.75rem 0 .25rem;font-size:.9rem;color:#4e5969}
            input{width:100%;padding:.7rem;border:1px solid #c9cdd4;border-radius:8px;font:inherit}
            button{width:100%;margin-top:1.25rem;padding:.85rem;border:0;border-radius:8px;background:#1677ff;\
            color:#fff;font:inherit;font-weight:600;cursor:pointer}
            .error{margin:0 0 .5rem;padding:.6rem .8rem;border-radius:8px;background:#fff1f0;color:#cf1322}
            .status{margin:0;font-size:1.25rem;font-weight:600;text-align:center}
            .paid{color:#00a854}
            .closed{color:#86909c}
            """;

    private CashierPage() {
    }

    /** The page for {@code view}, every value escaped. */
    public static String render(CashierView view) {
        String amount = symbol(view.currency()) + Amounts.format(view.amountMinor(), view.currency());
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>Atta Cashier · ").append(escape(view.merchantName())).append("</title>\n")
                .append("<style>\n").append(style).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header><h1>Atta Cashier</h1></header>\n");
        order(html, view, amount);
        html.append("<section>\n");
        switch (view.status()) {
            case WAIT_BUYER_PAY -> payForm(html, view, amount);
            case WAIT_SELLER_SEND_GOODS, WAIT_BUYER_CONFIRM_GOODS, TRADE_SUCCESS, TRADE_FINISHED ->
                    html.append("<p id=\"status\" class=\"status paid\">Paid</p>\n");
            case TRADE_CLOSED -> html.append("<p id=\"status\" class=\"status closed\">This order is closed</p>\n");
        }
        html.append("</section>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void order(StringBuilder html, CashierView view, String amount) {
        html.append("<section aria-label=\"Order\">\n")
                .append("<p id=\"merchant\" class=\"merchant\">").append(escape(view.merchantName())).append("</p>\n")
                .append("<p id=\"subject\" class=\"subject\">").append(escape(view.subject())).append("</p>\n")
                .append("<p id=\"amount\" class=\"amount\">").append(escape(amount))
                .append(" <span class=\"code\">").append(view.currency().name()).append("</span></p>\n")
                .append("<dl>\n")
                .append("<dt>Order number</dt><dd id=\"out_trade_no\">").append(escape(view.outTradeNo()))
                .append("</dd>\n")
                .append("<dt>Trade number</dt><dd id=\"trade_no\">").append(escape(view.tradeNo())).append("</dd>\n");
        if (view.expiresAtText() != null && view.status() == TradeStatus.WAIT_BUYER_PAY) {
            html.append("<dt>Pay before</dt><dd id=\"expires_at\">").append(escape(view.expiresAtText()))
                    .append("</dd>\n");
        }
        html.append("</dl>\n</section>\n");
    }

    private static void payForm(StringBuilder html, CashierView view, String amount) {
        if (view.error() != null) {
            html.append("<p id=\"error\" class=\"error\" role=\"alert\">").append(escape(view.error())).append("</p>\n");
        }
        html.append("<form method=\"post\" action=\"").append(escape(view.formAction()))
                .append("\" accept-charset=\"utf-8\">\n")
                .append("<label for=\"user_id\">User ID</label>\n")
                .append("<input id=\"user_id\" name=\"user_id\" required autocomplete=\"username\"")
                .append(" autocapitalize=\"none\" spellcheck=\"false\">\n")
                .append("<label for=\"api_key\">API key</label>\n")
                .append("<input id=\"api_key\" name=\"api_key\" type=\"password\" required")
                .append(" autocomplete=\"current-password\">\n")
                .append("<label for=\"funding_source\">Pay with</label>\n")
                .append("<select id=\"funding_source\" name=\"funding_source\">\n")
                .append("<option value=\"wallet\" selected>Balance</option>\n")
                .append("<option value=\"fund\">Money-market fund</option>\n")
                .append("</select>\n")
                .append("<button id=\"pay\" type=\"submit\">Pay ").append(escape(amount)).append("</button>\n")
                .append("</form>\n");
    }

    /** The sign a buyer reads before the amount; the ISO code is shown beside it, so ¥ serves both yuan and yen. */
    private static String symbol(Currency currency) {
        return switch (currency) {
            case CNY, JPY -> "¥";
            case USD -> "$";
            case EUR -> "€";
            case HKD -> "HK$";
        };
    }
}
