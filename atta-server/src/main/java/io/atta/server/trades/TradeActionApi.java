package io.atta.server.trades;

import io.atta.core.command.Result;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeOp;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.json.AmountText;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the parties do to a trade after creating it (docs/API.md, Trades): ship, confirm, close,
 * extend the confirm clock, refunds and disputes. Each answers the trade as {@code GET} shows it;
 * a refusal is 404 (no trade), 403 (not this party's action) or 409 with the ledger's result.
 */
public final class TradeActionApi {
    private static final Set<String> noFields = Set.of();
    private static final Set<String> closeFields = Set.of("reason");
    private static final Set<String> extendFields = Set.of("seconds");
    private static final Set<String> refundFields = Set.of("out_request_no", "amount", "reason");
    private static final Set<String> reasonFields = Set.of("reason");
    private static final Set<String> disputeFields = Set.of("refund_id", "reason");
    private static final Set<String> decideFields = Set.of("outcome", "reason");

    private final TradeFlow flow;
    private final TradeReplies replies;

    TradeActionApi(TradeFlow flow, TradeReplies replies) {
        this.flow = flow;
        this.replies = replies;
    }

    /** {@code POST /v1/trades/{trade_no}/ship} (seller) — {@code {carrier, tracking_no}}. */
    public CompletableFuture<Reply> ship(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        return act(call, TradeRequests.shipment(body(call, TradeRequests.shipFields, false), tradeNo));
    }

    /** {@code POST /v1/trades/{trade_no}/confirm} (buyer). */
    public CompletableFuture<Reply> confirm(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        body(call, noFields, true);
        return act(call, TradeRequests.confirmation(tradeNo));
    }

    /** {@code POST /v1/trades/{trade_no}/close} (seller) — {@code {reason?}}: closes an unpaid trade. */
    public CompletableFuture<Reply> close(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        String reason = TradeRequests.optionalReason(body(call, closeFields, true), "reason");
        return flow.close(call.caller(), tradeNo, reason)
                .thenCompose(a -> replies.answered(call.caller(), tradeNo, a.result()));
    }

    /** {@code POST /v1/trades/{trade_no}/extend-confirm} (seller) — {@code {seconds}}, once per trade. */
    public CompletableFuture<Reply> extendConfirm(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        Fields f = body(call, extendFields, false);
        if (!f.has("seconds")) {
            throw ApiException.missingField("seconds");
        }
        int seconds = f.integer("seconds", 1, (int) TradeLimits.maxConfirmExtensionSeconds, 0,
                "maxConfirmExtensionSeconds");
        return act(call, new TradeFlow.Action(tradeNo, TradeOp.extendConfirm, 0, seconds, "", ""));
    }

    /**
     * {@code POST /v1/trades/{trade_no}/refunds} (buyer) — {@code {out_request_no, amount, reason}}.
     * The amount is read in the trade's currency, so the order is looked up first.
     */
    public CompletableFuture<Reply> requestRefund(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        Fields f = body(call, refundFields, false);
        String outRequestNo = ValueText.requestId(f.string("out_request_no"), "out_request_no");
        String amountText = f.string("amount");
        String reason = TradeRequests.reason(f, "reason");
        return flow.orders().lookup(tradeNo).thenCompose(o -> {
            if (o == null) {
                throw TradeReplies.refusal(Result.trade_not_found, tradeNo);
            }
            long amount = AmountText.parsePositive(amountText, o.currency(), "amount");
            return act(call, new TradeFlow.Action(tradeNo, TradeOp.requestRefund,
                    TradeIds.refundId(tradeNo, outRequestNo), amount, reason, outRequestNo));
        });
    }

    /** {@code POST /v1/trades/{trade_no}/refunds/{refund_id}/agree} (seller). */
    public CompletableFuture<Reply> agreeRefund(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        long refundId = call.pathId("refund_id");
        body(call, noFields, true);
        return act(call, new TradeFlow.Action(tradeNo, TradeOp.agreeRefund, refundId, 0, "", ""));
    }

    /** {@code POST /v1/trades/{trade_no}/refunds/{refund_id}/reject} (seller) — {@code {reason}}. */
    public CompletableFuture<Reply> rejectRefund(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        long refundId = call.pathId("refund_id");
        String reason = TradeRequests.reason(body(call, reasonFields, false), "reason");
        return act(call, new TradeFlow.Action(tradeNo, TradeOp.rejectRefund, refundId, 0, reason, ""));
    }

    /** {@code POST /v1/trades/{trade_no}/refunds/{refund_id}/cancel} (buyer). */
    public CompletableFuture<Reply> cancelRefund(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        long refundId = call.pathId("refund_id");
        body(call, noFields, true);
        return act(call, new TradeFlow.Action(tradeNo, TradeOp.cancelRefund, refundId, 0, "", ""));
    }

    /** {@code POST /v1/trades/{trade_no}/disputes} (buyer) — {@code {refund_id, reason}}: escalates a refund. */
    public CompletableFuture<Reply> dispute(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        Fields f = body(call, disputeFields, false);
        long refundId = f.id("refund_id");
        String reason = TradeRequests.reason(f, "reason");
        return act(call, new TradeFlow.Action(tradeNo, TradeOp.dispute, refundId, 0, reason, ""));
    }

    /**
     * {@code POST /v1/trades/{trade_no}/disputes/{refund_id}/decide} (admin only) —
     * {@code {outcome: "refund"|"reject", reason?}}.
     */
    public CompletableFuture<Reply> decideDispute(ApiCall call) {
        if (!call.caller().isAdmin()) {
            throw ApiException.forbidden("only the admin key (an operator) may decide disputes", null);
        }
        long tradeNo = call.pathId("trade_no");
        long refundId = call.pathId("refund_id");
        Fields f = body(call, decideFields, false);
        String outcome = f.string("outcome");
        if (!outcome.equals("refund") && !outcome.equals("reject")) {
            throw ApiException.invalidField("outcome", "must be refund (for the buyer) or reject (for the seller)");
        }
        String reason = TradeRequests.optionalReason(f, "reason");
        return act(call, new TradeFlow.Action(tradeNo, TradeOp.decideDispute, refundId,
                outcome.equals("refund") ? 1 : 0, reason, ""));
    }

    private static Fields body(ApiCall call, Set<String> known, boolean emptyIsObject) {
        return Fields.of(Json.object(call.body(), emptyIsObject), "", known);
    }

    private CompletableFuture<Reply> act(ApiCall call, TradeFlow.Action action) {
        return flow.act(call.caller(), List.of(action))
                .thenCompose(as -> replies.answered(call.caller(), action.tradeNo(), as[0].result()));
    }
}
