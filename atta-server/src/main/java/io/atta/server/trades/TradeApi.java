package io.atta.server.trades;

import io.atta.core.command.Result;
import io.atta.core.trade.TradeLimits;
import io.atta.server.auth.Caller;
import io.atta.server.gateway.PaymentCodes;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.PlainText;
import io.atta.server.json.ValueText;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Escrow trades (docs/API.md, Trades): create, pay, read and list; the actions after payment are
 * {@link TradeActionApi}, the batch form {@link TradeBatchApi}. Single calls are batches of one
 * through {@link TradeFlow}, answered with the trade as {@code GET} shows it.
 */
public final class TradeApi {
    /** Most trades one page of a list shows. */
    public static final int maxListLimit = 100;
    static final int defaultListLimit = 20;
    private static final Set<String> listQuery = Set.of("seller", "buyer_user_id", "limit", "before", "out_trade_no");

    private final TradeFlow flow;
    private final TradeReader reader;
    private final TradeReplies replies;
    private final TradeActionApi actions;
    private final TradeBatchApi batch;

    private final PaymentCodes codes;
    private final List<PaymentOption> options;

    /** @param codes checks buyers' payment codes ({@code auth_code}) */
    public TradeApi(Trades trades, PaymentCodes codes) {
        this.options = trades.paymentOptions();
        this.flow = trades.flow();
        this.reader = trades.reader();
        this.codes = codes;
        this.replies = new TradeReplies(reader);
        this.actions = new TradeActionApi(flow, replies);
        this.batch = new TradeBatchApi(flow, codes);
    }

    public TradeActionApi actions() {
        return actions;
    }

    /**
     * {@code POST /v1/trades} (the seller, or the admin): 201 when created, 200 when it already
     * was. With {@code auth_code} the trade is also paid by the buyer it names, in one log entry
     * of the buyer's shard: 201 when paid now, 200 when it was paid before.
     */
    public CompletableFuture<Reply> create(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", withOptions(TradeRequests.createAndPayFields));
        if (body.has("auth_code")) {
            TradeFlow.NewTrade t = TradeRequests.paidTrade(body, call.caller(), codes);
            return prepare(body, t.tradeNo(), t.buyerUserId()).thenCompose(v -> flow.createAndPay(t))
                    .thenCompose(rs -> {
                        Result r = TradeRequests.paidResult(rs);
                        if (r != Result.ok && r != Result.exists) {
                            throw TradeReplies.refusal(r, t.tradeNo());
                        }
                        return replies.trade(call.caller(), t.tradeNo(), r == Result.ok ? 201 : 200);
                    });
        }
        TradeFlow.NewTrade t = TradeRequests.newTrade(body, call.caller());
        return prepare(body, t.tradeNo(), t.buyerUserId()).thenCompose(v -> flow.create(List.of(t)))
                .thenCompose(rs -> {
                    Result r = rs[0];
                    if (r != Result.ok && r != Result.exists) {
                        throw TradeReplies.refusal(r, t.tradeNo());
                    }
                    return replies.trade(call.caller(), t.tradeNo(), r == Result.ok ? 201 : 200);
                });
    }

    /** {@code POST /v1/trades/{trade_no}/pay} (the buyer, or the admin naming it). */
    public CompletableFuture<Reply> pay(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        Fields body = Fields.of(Json.object(call.body(), true), "", withOptions(TradeRequests.payFields));
        TradeFlow.Payment p = TradeRequests.payment(body, call.caller(), tradeNo);
        return prepare(body, tradeNo, p.buyerUserId()).thenCompose(v -> flow.pay(List.of(p)))
                .thenCompose(as -> replies.answered(call.caller(), tradeNo, as[0].result()));
    }

    /** The body's fields and those of the products sold with payments. */
    private Set<String> withOptions(Set<String> fields) {
        if (options.isEmpty()) {
            return fields;
        }
        Set<String> all = new java.util.HashSet<>(fields);
        for (PaymentOption o : options) {
            all.add(o.field());
        }
        return all;
    }

    /** Prepares, in turn, each product the body asks for with the payment; a refusal stops the trade. */
    private CompletableFuture<Void> prepare(Fields body, long tradeNo, long buyerUserId) {
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (PaymentOption o : options) {
            if (body.has(o.field())) {
                String value = body.string(o.field());
                all = all.thenCompose(v -> o.prepare(body.path(o.field()), value, tradeNo, buyerUserId));
            }
        }
        return all;
    }

    /** {@code GET /v1/trades/{trade_no}} (its buyer, its seller, or the admin). */
    public CompletableFuture<Reply> get(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        return replies.trade(call.caller(), tradeNo, 200);
    }

    /** {@code GET /v1/trades?seller=|buyer_user_id=&limit=&before=}. */
    public CompletableFuture<Reply> list(ApiCall call) {
        String seller = call.query("seller", listQuery);
        String buyer = call.query("buyer_user_id", listQuery);
        if (seller == null && buyer == null) {
            throw new ApiException(400, "missing_field", "give seller or buyer_user_id: whose trades to list",
                    "seller");
        }
        if (seller != null && buyer != null) {
            throw ApiException.invalidField("buyer_user_id", "may not be given with seller: a list is of one party");
        }
        boolean bySeller = seller != null;
        String param = bySeller ? "seller" : "buyer_user_id";
        long party = ValueText.id(bySeller ? seller : buyer, param);
        Caller caller = call.caller();
        if (!caller.mayActFor(party)) {
            throw ApiException.forbidden("this key may not list the trades of " + param + " " + party, param);
        }
        String outTradeNo = call.query("out_trade_no", listQuery);
        if (outTradeNo != null) {
            return byOutTradeNo(bySeller, party, outTradeNo);
        }
        int limit = limit(call.query("limit", listQuery));
        TradeReader.Cursor after = cursor(call.query("before", listQuery));
        return reader.list(bySeller, party, after, limit).thenApply(page -> Reply.ok(g -> {
            g.writeArrayFieldStart("trades");
            for (TradeState s : page.trades()) {
                g.writeStartObject();
                TradeJson.fields(g, s);
                g.writeEndObject();
            }
            g.writeEndArray();
            if (page.next() == null) {
                g.writeNullField("next_before");
            } else {
                g.writeStringField("next_before", page.next().text());
            }
        }));
    }

    /**
     * {@code GET /v1/trades?seller=&out_trade_no=}: the seller's trade of that out_trade_no, found
     * through its name wherever it was placed, as a list of one (or none).
     */
    private CompletableFuture<Reply> byOutTradeNo(boolean bySeller, long seller, String outTradeNo) {
        if (!bySeller) {
            throw ApiException.invalidField("out_trade_no", "is the seller's: give it with seller, not buyer_user_id");
        }
        String out = PlainText.key(outTradeNo, "out_trade_no", TradeLimits.maxOutTradeNoLength,
                "maxOutTradeNoLength");
        return reader.find(seller, out).thenApply(found -> Reply.ok(g -> {
            g.writeArrayFieldStart("trades");
            if (found != null) {
                g.writeStartObject();
                TradeJson.fields(g, found);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNullField("next_before");
        }));
    }

    /** {@code POST /v1/trades/batch}. */
    public CompletableFuture<Reply> batch(ApiCall call) {
        return batch.handle(call);
    }

    private static int limit(String text) {
        if (text == null) {
            return defaultListLimit;
        }
        long v = ValueText.decimalId(text);
        if (v < 1 || v > maxListLimit) {
            throw ApiException.invalidField("limit", "must be an integer from 1 to " + maxListLimit + " (maxListLimit)");
        }
        return (int) v;
    }

    /** {@code before}: a {@code next_before} ("<created_at ns>:<trade_no>"), or a bare time in ns. */
    private static TradeReader.Cursor cursor(String text) {
        if (text == null) {
            return TradeReader.Cursor.first;
        }
        int colon = text.indexOf(':');
        long createdAt = ValueText.decimalId(colon < 0 ? text : text.substring(0, colon));
        long tradeNo = colon < 0 ? 0 : ValueText.decimalId(text.substring(colon + 1));
        if (createdAt < 0 || tradeNo < 0) {
            throw ApiException.invalidField("before", "must be a next_before of an earlier page, such as "
                    + "\"1795000000000000000:42\", or a time in nanoseconds since the epoch");
        }
        return new TradeReader.Cursor(createdAt, tradeNo);
    }
}
