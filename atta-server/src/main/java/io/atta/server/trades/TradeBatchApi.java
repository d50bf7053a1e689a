package io.atta.server.trades;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.core.Limits;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeStatus;
import io.atta.server.auth.Caller;
import io.atta.server.gateway.PaymentCodes;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/trades/batch}: many trades created, paid, shipped or confirmed in one call, for
 * high-volume callers (a marketplace's order system, the benchmark). Items are checked whole
 * first, as for a single call (a bad item refuses the batch, naming {@code items[i].field});
 * then each step goes as one submit per shard, and each item answers its result in request
 * order: a refusal is a result, not an error.
 */
final class TradeBatchApi {
    enum Action {
        create(TradeRequests.createFields, TradeStatus.WAIT_BUYER_PAY),
        create_and_pay(TradeRequests.createAndPayFields, TradeStatus.WAIT_SELLER_SEND_GOODS),
        pay(withTradeNo(TradeRequests.payFields), TradeStatus.WAIT_SELLER_SEND_GOODS),
        ship(withTradeNo(TradeRequests.shipFields), TradeStatus.WAIT_BUYER_CONFIRM_GOODS),
        confirm(Set.of("trade_no"), TradeStatus.TRADE_FINISHED);

        final Set<String> fields;
        /** Where a trade stands after the action was applied (not after an {@code exists}). */
        final TradeStatus after;

        Action(Set<String> fields, TradeStatus after) {
            this.fields = fields;
            this.after = after;
        }

        static Action of(String name) {
            for (Action a : values()) {
                if (a.name().equals(name)) {
                    return a;
                }
            }
            return null;
        }
    }

    private static final Set<String> bodyFields = Set.of("action", "items");

    private final TradeFlow flow;
    private final PaymentCodes codes;

    TradeBatchApi(TradeFlow flow, PaymentCodes codes) {
        this.flow = flow;
        this.codes = codes;
    }

    private static Set<String> withTradeNo(Set<String> fields) {
        Set<String> out = new HashSet<>(fields);
        out.add("trade_no");
        return Set.copyOf(out);
    }

    /** One item's line of the reply. */
    private record Line(long tradeNo, String outTradeNo, Result result) {
    }

    CompletableFuture<Reply> handle(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", bodyFields);
        String name = body.string("action");
        Action action = Action.of(name);
        if (action == null) {
            throw ApiException.invalidField("action", "must be one of create, create_and_pay, pay, ship, confirm");
        }
        ArrayNode items = body.objects("items", Limits.maxBatchCommands, "maxBatchCommands");
        Caller caller = call.caller();
        CompletableFuture<List<Line>> lines = switch (action) {
            case create -> create(items, caller);
            case create_and_pay -> createAndPay(items, caller);
            case pay -> pay(items, caller);
            case ship, confirm -> act(items, caller, action);
        };
        return lines.thenApply(ls -> new Reply(200, Json.write(ls.size() * 96 + 16, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("results");
            for (Line l : ls) {
                g.writeStartObject();
                g.writeStringField("trade_no", Long.toString(l.tradeNo()));
                if (l.outTradeNo() != null) {
                    g.writeStringField("out_trade_no", l.outTradeNo());
                }
                g.writeStringField("result", l.result().apiName());
                if (l.result() == Result.ok) {
                    g.writeStringField("status", action.after.name());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        })));
    }

    private static Fields item(ArrayNode items, int i, Action action) {
        return Fields.of((ObjectNode) items.get(i), "items[" + i + "]", action.fields);
    }

    private CompletableFuture<List<Line>> create(ArrayNode items, Caller caller) {
        List<TradeFlow.NewTrade> trades = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            trades.add(TradeRequests.newTrade(item(items, i, Action.create), caller));
        }
        return flow.create(trades).thenApply(rs -> {
            List<Line> out = new ArrayList<>(rs.length);
            for (int i = 0; i < rs.length; i++) {
                out.add(new Line(trades.get(i).tradeNo(), trades.get(i).outTradeNo(), rs[i]));
            }
            return out;
        });
    }

    /** Creates and pays each trade in one log entry of its buyer's shard, answered from the commands' results. */
    private CompletableFuture<List<Line>> createAndPay(ArrayNode items, Caller caller) {
        List<TradeFlow.NewTrade> trades = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            trades.add(TradeRequests.paidTrade(item(items, i, Action.create_and_pay), caller, codes));
        }
        return flow.createAndPay(trades).thenApply(rs -> {
            List<Line> out = new ArrayList<>(rs.length);
            for (int i = 0; i < rs.length; i++) {
                out.add(new Line(trades.get(i).tradeNo(), trades.get(i).outTradeNo(), TradeRequests.paidResult(rs[i])));
            }
            return out;
        });
    }

    private CompletableFuture<List<Line>> pay(ArrayNode items, Caller caller) {
        List<TradeFlow.Payment> payments = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Fields f = item(items, i, Action.pay);
            payments.add(TradeRequests.payment(f, caller, f.id("trade_no")));
        }
        return flow.pay(payments).thenApply(as -> lines(as, payments.stream().map(TradeFlow.Payment::tradeNo)
                .toList()));
    }

    private CompletableFuture<List<Line>> act(ArrayNode items, Caller caller, Action action) {
        List<TradeFlow.Action> actions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Fields f = item(items, i, action);
            long tradeNo = f.id("trade_no");
            actions.add(action == Action.ship ? TradeRequests.shipment(f, tradeNo)
                    : TradeRequests.confirmation(tradeNo));
        }
        return flow.act(caller, actions).thenApply(as -> lines(as, actions.stream().map(TradeFlow.Action::tradeNo)
                .toList()));
    }

    private static List<Line> lines(TradeFlow.Answer[] answers, List<Long> tradeNos) {
        List<Line> out = new ArrayList<>(answers.length);
        for (int i = 0; i < answers.length; i++) {
            TradeFlow.Answer a = answers[i];
            out.add(new Line(tradeNos.get(i), a.order() == null ? null : a.order().outTradeNo(), a.result()));
        }
        return out;
    }
}
