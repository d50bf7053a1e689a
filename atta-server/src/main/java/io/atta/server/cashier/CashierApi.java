package io.atta.server.cashier;

import io.atta.core.Funding;
import io.atta.core.command.Result;
import io.atta.core.wealth.FundResults;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.trade.OrderView;
import io.atta.server.auth.Authenticator;
import io.atta.server.auth.Caller;
import io.atta.server.gateway.ReturnParams;
import io.atta.server.http.ApiException;
import io.atta.server.json.ValueText;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.trades.Trades;
import io.javalin.http.Context;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The cashier page (docs/ALIPAY.md, "Cashier page"): where a buyer pays a gateway trade —
 * opened by {@code page.pay}/{@code wap.pay}/{@code app.pay}, or by scanning a precreate
 * {@code qr_code}, which is this page's URL.
 * <ul>
 *   <li>{@code GET /cashier/{trade_no}}: the order, and while payable a sign-in-and-pay form;</li>
 *   <li>{@code POST /cashier/{trade_no}} with the form ({@code user_id}, {@code api_key}, and {@code funding_source}: {@code wallet} or {@code fund}): pays
 *       as that user, then sends the browser to the order's {@code return_url} with signed
 *       parameters (303), or shows the paid page;</li>
 *   <li>{@code POST /cashier/{trade_no}} with {@code Authorization: Bearer <user key>} and no
 *       form: a signed-in wallet paying a scanned code; answers JSON.</li>
 * </ul>
 */
public final class CashierApi {
    /** The query parameter that marks an order opened by {@code alipay.trade.wap.pay}. */
    public static final String viaParameter = "via";
    static final int maxFormBytes = 4096;

    private final Trades trades;
    private final MerchantDirectory merchants;
    private final Authenticator authenticator;
    private final ReturnParams returns;

    public CashierApi(Trades trades, MerchantDirectory merchants, Authenticator authenticator, ReturnParams returns) {
        this.trades = trades;
        this.merchants = merchants;
        this.authenticator = authenticator;
        this.returns = returns;
    }

    /** The path of a trade's cashier page; {@code wap} for a phone layout and the wap return method. */
    public static String path(long tradeNo, boolean wap) {
        return "/cashier/" + tradeNo + (wap ? "?" + viaParameter + "=wap" : "");
    }

    public void show(Context ctx) {
        long tradeNo = tradeNo(ctx);
        boolean wap = "wap".equals(ctx.queryParam(viaParameter));
        ctx.future(() -> page(tradeNo, wap, null).thenAccept(html -> html(ctx, 200, html)));
    }

    public void pay(Context ctx) {
        long tradeNo = tradeNo(ctx);
        boolean wap = "wap".equals(ctx.queryParam(viaParameter));
        String authorization = ctx.header("Authorization");
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (authorization != null && !contentType.startsWith("application/x-www-form-urlencoded")) {
            ctx.future(() -> authenticator.authenticate(authorization).thenCompose(caller ->
                    trades.pay(tradeNo, caller.userId()).thenAccept(r -> walletAnswer(ctx, tradeNo, r))));
            return;
        }
        Map<String, String> form = form(ctx);
        long userId = ValueText.decimalId(form.getOrDefault("user_id", "").trim());
        String apiKey = form.getOrDefault("api_key", "").trim();
        Funding funding = Funding.ofName(form.getOrDefault("funding_source", "wallet").trim());
        if (funding == null) {
            ctx.future(() -> page(tradeNo, wap, "Choose how to pay: the balance or the money-market fund.")
                    .thenAccept(html -> html(ctx, 400, html)));
            return;
        }
        if (userId <= 0 || apiKey.isEmpty()) {
            ctx.future(() -> page(tradeNo, wap, "Enter your user id and API key to sign in.")
                    .thenAccept(html -> html(ctx, 400, html)));
            return;
        }
        ctx.future(() -> authenticator.authenticate("Bearer " + apiKey)
                .handle((caller, e) -> e == null && caller.userId() == userId && !caller.isAdmin() ? caller : null)
                .thenCompose(caller -> caller == null
                        ? page(tradeNo, wap, "Sign-in failed: the user id and API key do not match.")
                        .thenAccept(html -> html(ctx, 401, html))
                        : paid(ctx, tradeNo, wap, caller, funding)));
    }

    private CompletableFuture<Void> paid(Context ctx, long tradeNo, boolean wap, Caller buyer, Funding funding) {
        return trades.pay(tradeNo, buyer.userId(), funding).thenCompose(r -> {
            if (r != Result.ok && r != Result.exists) {
                return page(tradeNo, wap, refusal(r)).thenAccept(html -> html(ctx, 409, html));
            }
            return trades.read(0, tradeNo).thenCompose(s -> {
                OrderView o = s.order();
                if (!o.returnUrl().isEmpty() && s.paid()) {
                    ctx.status(303).header("Location", ReturnParams.url(o.returnUrl(), returns.of(o, wap)));
                    return CompletableFuture.completedFuture(null);
                }
                return page(tradeNo, wap, null).thenAccept(html -> html(ctx, 200, html));
            });
        });
    }

    private void walletAnswer(Context ctx, long tradeNo, Result r) {
        boolean took = r == Result.ok || r == Result.exists;
        ctx.status(took ? 200 : 409).contentType("application/json").result(took
                ? "{\"trade_no\":\"" + tradeNo + "\",\"result\":\"" + r.apiName() + "\"}"
                : "{\"error\":{\"code\":\"" + r.apiName() + "\",\"message\":\"" + refusal(r) + "\"}}");
    }

    private CompletableFuture<String> page(long tradeNo, boolean wap, String error) {
        return trades.read(0, tradeNo).thenCompose(s -> {
            if (s == null) {
                throw ApiException.notFound("no trade " + tradeNo);
            }
            OrderView o = s.order();
            return merchants.merchant(o.merchantId()).thenApply(m -> {
                TradeStatus status = s.status();
                String expires = status == TradeStatus.WAIT_BUYER_PAY ? ValueText.instant(o.payDeadline()) : null;
                return CashierPage.render(new CashierView(Long.toString(tradeNo), o.outTradeNo(),
                        m == null ? "" : m.record().name(), o.subject(), o.amount(), io.atta.core.Currency.ofLedger(o.ledger()),
                        status, expires, error, path(tradeNo, wap)));
            });
        });
    }

    /** What the buyer reads when the payment was refused. */
    static String refusal(Result r) {
        if (r == Result.insufficient_funds) {
            return "Your balance is not enough for this payment.";
        }
        if (r == Result.trade_closed || r == Result.trade_pay_timed_out) {
            return "This order is closed: it can no longer be paid.";
        }
        if (r == Result.trade_buyer_mismatch) {
            return "This order is for another buyer.";
        }
        if (r == Result.currency_mismatch) {
            return "Your wallet is in another currency than this order.";
        }
        if (r == Result.trade_not_found) {
            return "There is no such order.";
        }
        if (r == FundResults.insufficient_units) {
            return "Your money-market fund holding is not enough for this payment.";
        }
        if (r == FundResults.fast_redeem_limit_exceeded) {
            return "This payment is over today's limit for paying with the money-market fund.";
        }
        return "The payment was refused (" + r.apiName() + ").";
    }

    private static long tradeNo(Context ctx) {
        long tradeNo = ValueText.decimalId(ctx.pathParam("trade_no"));
        if (tradeNo <= 0) {
            throw ApiException.notFound("no trade " + ctx.pathParam("trade_no"));
        }
        return tradeNo;
    }

    private static Map<String, String> form(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxFormBytes) {
            throw ApiException.bodyTooLarge(maxFormBytes);
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // A field that does not decode is left out: the form asks again.
            }
        }
        return form;
    }

    private static void html(Context ctx, int status, String html) {
        ctx.status(status).contentType(CashierPage.contentType)
                .header("Content-Security-Policy", CashierPage.contentSecurityPolicy).result(html);
    }
}
