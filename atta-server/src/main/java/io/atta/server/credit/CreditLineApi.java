package io.atta.server.credit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.credit.CreditResults;
import io.atta.core.credit.CreditTerms;
import io.atta.core.credit.OpenCreditLine;
import io.atta.core.credit.RepayCredit;
import io.atta.core.credit.SetAutoRepay;
import io.atta.engine.credit.CreditLineView;
import io.atta.engine.credit.CreditModule;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A user's credit line (docs/CREDIT.md): opening it, reading it, automatic repayment, repayments. */
final class CreditLineApi {
    private static final Set<String> openFields = Set.of("request_id", "statement_day", "auto_repay");
    private static final Set<String> autoRepayFields = Set.of("enabled");
    private static final Set<String> repayFields = Set.of("amount", "source", "request_id");

    private final ServerLedger ledger;

    CreditLineApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code POST /v1/users/{id}/credit-line}: 201 with the line, 200 for a repeat, 409 {@code score_too_low}. */
    CompletableFuture<Reply> open(ApiCall call) {
        long user = CreditText.actingFor(call, call.pathId("id"));
        ObjectNode node = Json.object(call.body(), false);
        Fields body = Fields.of(node, "", openFields);
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        int statementDay = body.integer("statement_day", 1, CreditTerms.maxStatementDay,
                CreditTerms.defaultStatementDay, "maxStatementDay");
        boolean autoRepay = bool(node, "auto_repay", false);
        return submit(user, new OpenCreditLine(user, requestId, statementDay, autoRepay))
                .thenCompose(r -> {
                    if (r == Result.exists_with_different_fields) {
                        throw new ApiException(409, "credit_line_exists",
                                "user " + user + " has a credit line opened by another request", "request_id");
                    }
                    return line(user, r == Result.ok ? 201 : 200);
                });
    }

    /** {@code GET /v1/users/{id}/credit-line}: limit, used, available, cycle and status; 404 without a line. */
    CompletableFuture<Reply> get(ApiCall call) {
        long user = CreditText.actingFor(call, call.pathId("id"));
        return line(user, 200);
    }

    /** {@code POST /v1/users/{id}/credit-line/auto-repay}: {@code {"enabled": true|false}}. */
    CompletableFuture<Reply> autoRepay(ApiCall call) {
        long user = CreditText.actingFor(call, call.pathId("id"));
        ObjectNode node = Json.object(call.body(), false);
        Fields.of(node, "", autoRepayFields);
        if (!node.has("enabled")) {
            throw ApiException.missingField("enabled");
        }
        boolean enabled = bool(node, "enabled", false);
        return submit(user, new SetAutoRepay(user, enabled)).thenCompose(r -> line(user, 200));
    }

    /**
     * {@code POST /v1/users/{id}/credit-line/repayments}: from the wallet or, as a fast redemption,
     * the fund; 201 with the line after it, 200 for a repeat.
     */
    CompletableFuture<Reply> repay(ApiCall call) {
        long user = CreditText.actingFor(call, call.pathId("id"));
        Fields body = Fields.of(Json.object(call.body(), false), "", repayFields);
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        String source = body.has("source") ? body.string("source") : "wallet";
        if (!source.equals("wallet") && !source.equals("fund")) {
            throw ApiException.invalidField("source", "must be \"wallet\" or \"fund\"");
        }
        return ledger.read(user, l -> l.module(CreditModule.class).line(user)).thenCompose(v -> {
            if (v == null) {
                throw ApiException.notFound("user " + user + " has no credit line");
            }
            long amount = body.positiveAmount("amount", Currency.ofLedger(v.ledger()));
            return submit(user, new RepayCredit(user, requestId, amount, source.equals("fund")))
                    .thenCompose(r -> {
                        if (r == Result.exists_with_different_fields) {
                            throw new ApiException(409, "request_id_reused",
                                    "request " + requestId + " was a repayment of another amount or source", "request_id");
                        }
                        int status = r == Result.ok ? 201 : 200;
                        return ledger.read(user, l -> l.module(CreditModule.class).line(user))
                                .thenApply(after -> Reply.object(status, g -> {
                                    g.writeStringField("request_id", requestId);
                                    g.writeStringField("amount", Amounts.format(amount, Currency.ofLedger(v.ledger())));
                                    g.writeStringField("source", source);
                                    g.writeObjectFieldStart("credit_line");
                                    CreditText.line(g, after);
                                    g.writeEndObject();
                                }));
                    });
        });
    }

    /** Submits one command on the user's shard: ok or exists, else the refusal as an HTTP error. */
    private CompletableFuture<Result> submit(long user, Command c) {
        return ledger.submit(ledger.shardOf(user), new Command[] {c}).thenApply(rs -> {
            Result r = rs[0];
            if (r == Result.user_not_found || r == Result.accounts_on_different_shards) {
                throw ApiException.notFound("no user " + user);
            }
            if (r == CreditResults.credit_line_not_found) {
                throw ApiException.notFound("user " + user + " has no credit line");
            }
            if (r != Result.ok && r != Result.exists && r != Result.exists_with_different_fields) {
                throw ApiException.refused(r);
            }
            return r;
        });
    }

    private CompletableFuture<Reply> line(long user, int status) {
        return ledger.read(user, l -> l.module(CreditModule.class).line(user)).thenApply((CreditLineView v) -> {
            if (v == null) {
                throw ApiException.notFound("user " + user + " has no credit line");
            }
            return Reply.object(status, g -> CreditText.line(g, v));
        });
    }

    static boolean bool(ObjectNode node, String field, boolean absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw ApiException.invalidField(field, "must be true or false");
        }
        return v.booleanValue();
    }
}
