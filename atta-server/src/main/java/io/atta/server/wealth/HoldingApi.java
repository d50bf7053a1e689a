package io.atta.server.wealth;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.wealth.CreateFund;
import io.atta.core.wealth.FundResults;
import io.atta.core.wealth.Redeem;
import io.atta.core.wealth.Subscribe;
import io.atta.engine.wealth.FundRequest;
import io.atta.engine.wealth.HoldingView;
import io.atta.engine.wealth.IncomeRow;
import io.atta.engine.wealth.WealthLimits;
import io.atta.engine.wealth.WealthModule;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A holder's side of a fund (docs/FUND.md): subscriptions and redemptions on the holder's shard,
 * its holding and its income by day. A user acts for itself, an operator for anyone.
 */
final class HoldingApi {
    private static final Set<String> subscribeFields = Set.of("user_id", "amount", "request_id");
    private static final Set<String> redeemFields = Set.of("user_id", "amount", "mode", "request_id");
    private static final Set<String> incomeQuery = Set.of("from", "to");

    private final ServerLedger ledger;
    private final FundDirectory directory;

    HoldingApi(ServerLedger ledger, FundDirectory directory) {
        this.ledger = ledger;
        this.directory = directory;
    }

    /** {@code POST /v1/funds/{code}/subscriptions}: the wallet debited now, units confirmed on a later trading day. */
    CompletableFuture<Reply> subscribe(ApiCall call) {
        String code = FundApi.code(call.pathText("code"), "code");
        Fields body = Fields.of(Json.object(call.body(), false), "", subscribeFields);
        long user = actingFor(call, body.id("user_id"), "user_id");
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        return directory.terms(code).thenCompose(t -> {
            long amount = body.positiveAmount("amount", Currency.ofLedger(t.ledger()));
            return request(t, user, requestId, new Subscribe(code, requestId, user, amount), "confirm_date");
        });
    }

    /** {@code POST /v1/funds/{code}/redemptions}: fast (paid now, within the daily limit) or normal (paid next trading day). */
    CompletableFuture<Reply> redeem(ApiCall call) {
        String code = FundApi.code(call.pathText("code"), "code");
        Fields body = Fields.of(Json.object(call.body(), false), "", redeemFields);
        long user = actingFor(call, body.id("user_id"), "user_id");
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        String mode = body.string("mode");
        if (!mode.equals("fast") && !mode.equals("normal")) {
            throw ApiException.invalidField("mode", "must be \"fast\" or \"normal\"");
        }
        return directory.terms(code).thenCompose(t -> {
            long amount = body.positiveAmount("amount", Currency.ofLedger(t.ledger()));
            return request(t, user, requestId, new Redeem(code, requestId, user, amount, mode.equals("fast")),
                    "pay_date");
        });
    }

    private CompletableFuture<Reply> request(CreateFund t, long user, String requestId, Command c, String dayField) {
        int shard = ledger.shardOf(user);
        return ledger.submit(shard, new Command[] {c}).thenCompose(rs -> {
            Result r = rs[0];
            if (r == Result.user_not_found) {
                throw ApiException.notFound("no user " + user);
            }
            if (r == FundResults.fund_not_found) {
                throw ApiException.notFound("no fund " + t.code());
            }
            if (r != Result.ok && r != Result.exists) {
                throw ApiException.refused(r);
            }
            int status = r == Result.ok ? 201 : 200;
            return ledger.read(user, l -> l.module(WealthModule.class).request(t.code(), requestId))
                    .thenApply(req -> Reply.object(status, g -> {
                        g.writeStringField("request_id", req.requestId());
                        g.writeStringField("user_id", Long.toString(req.userId()));
                        g.writeStringField("amount", Amounts.format(req.amount(), Currency.ofLedger(t.ledger())));
                        if (req.kind() != FundRequest.Kind.subscription) {
                            g.writeStringField("mode", req.kind() == FundRequest.Kind.fastRedemption ? "fast" : "normal");
                        }
                        g.writeStringField("status", req.status());
                        g.writeStringField(dayField, FundText.date(req.day()));
                    }));
        });
    }

    /** {@code GET /v1/funds/{code}/holdings/{user_id}}: the holder's units and income. */
    CompletableFuture<Reply> holding(ApiCall call) {
        String code = FundApi.code(call.pathText("code"), "code");
        long user = actingFor(call, call.pathId("user_id"), "user_id");
        return directory.terms(code).thenCompose(t -> ledger.read(user, l -> l.module(WealthModule.class)
                .holding(code, user)).thenApply(h -> {
                    Currency c = Currency.ofLedger(t.ledger());
                    HoldingView v = h == null ? new HoldingView(user, 0, 0, 0, 0, 0, 0, 0) : h;
                    return Reply.ok(g -> {
                        g.writeStringField("user_id", Long.toString(user));
                        g.writeStringField("units", Amounts.format(v.units(), c));
                        g.writeStringField("pending_units", Amounts.format(v.pendingUnits(), c));
                        g.writeStringField("earning_units", Amounts.format(v.earningUnits(), c));
                        g.writeStringField("yesterday_income", Amounts.format(v.lastIncome(), c));
                        if (v.lastIncomeDay() < t.createdDay()) {
                            g.writeNullField("income_date");
                        } else {
                            g.writeStringField("income_date", FundText.date(v.lastIncomeDay()));
                        }
                        g.writeStringField("total_income", Amounts.format(v.totalIncome(), c));
                        g.writeStringField("fast_redeemed_today", Amounts.format(v.fastRedeemedToday(), c));
                    });
                }));
    }

    /** {@code GET /v1/funds/{code}/holdings/{user_id}/income?from=&to=}: one row per posted date, oldest first. */
    CompletableFuture<Reply> income(ApiCall call) {
        String code = FundApi.code(call.pathText("code"), "code");
        long user = actingFor(call, call.pathId("user_id"), "user_id");
        String fromText = call.query("from", incomeQuery);
        String toText = call.query("to", incomeQuery);
        Integer fromDay = fromText == null ? null : FundText.day(fromText, "from");
        Integer toDay = toText == null ? null : FundText.day(toText, "to");
        return directory.terms(code).thenCompose(t -> ledger.read(user, l -> l.module(WealthModule.class).fund(code))
                .thenCompose(f -> rows(user, code, t, f == null ? t.createdDay() - 1 : f.lastIncomeDay(), fromDay, toDay)));
    }

    private CompletableFuture<Reply> rows(long user, String code, CreateFund t, int lastIncomeDay, Integer fromDay,
                                          Integer toDay) {
        int to = toDay != null ? toDay : lastIncomeDay;
        int from = fromDay != null ? fromDay : to - 6;
        if (from > to) {
            throw ApiException.invalidField("from", "must not be after to");
        }
        if (to - from >= WealthLimits.incomeHistoryDays) {
            throw ApiException.invalidField("from", "from and to must span at most "
                    + WealthLimits.incomeHistoryDays + " days (incomeHistoryDays)");
        }
        Currency c = Currency.ofLedger(t.ledger());
        return ledger.read(user, l -> l.module(WealthModule.class).income(code, user, from, to))
                .thenApply((List<IncomeRow> rows) -> Reply.ok(g -> {
                    g.writeStringField("user_id", Long.toString(user));
                    g.writeArrayFieldStart("income");
                    for (IncomeRow r : rows) {
                        g.writeStartObject();
                        g.writeStringField("date", FundText.date(r.day()));
                        g.writeStringField("earning_units", Amounts.format(r.earningUnits(), c));
                        g.writeStringField("income_per_10k", FundText.income(r.per10k()));
                        g.writeStringField("income", Amounts.format(r.income(), c));
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }));
    }

    /** The user the call acts for: the caller itself, or anyone for an operator; 403 otherwise. */
    private static long actingFor(ApiCall call, long user, String field) {
        if (!call.caller().mayActFor(user)) {
            throw ApiException.forbidden("this key may not act on user " + user, field);
        }
        return user;
    }
}
