package io.atta.server.credit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.credit.CreditResults;
import io.atta.core.credit.InstallStatement;
import io.atta.engine.credit.CreditLineView;
import io.atta.engine.credit.CreditModule;
import io.atta.engine.credit.StatementView;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A line's statements (docs/CREDIT.md, "Statements"): the list, one with its rows, installments on one. */
final class StatementApi {
    private static final Set<String> installFields = Set.of("months");

    private final ServerLedger ledger;

    StatementApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    private record Read(CreditLineView line, List<StatementView> statements) {
    }

    /** {@code GET /v1/users/{id}/credit-line/statements}: every statement, oldest first. */
    CompletableFuture<Reply> list(ApiCall call) {
        long user = CreditText.actingFor(call, call.pathId("id"));
        return ledger.read(user, l -> {
            CreditModule m = l.module(CreditModule.class);
            return new Read(m.line(user), m.statements(user));
        }).thenApply(r -> {
            if (r.line() == null) {
                throw ApiException.notFound("user " + user + " has no credit line");
            }
            Currency c = Currency.ofLedger(r.line().ledger());
            return Reply.ok(g -> {
                g.writeStringField("user_id", Long.toString(user));
                g.writeArrayFieldStart("statements");
                for (StatementView s : r.statements()) {
                    g.writeStartObject();
                    write(g, s, c);
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    /** {@code GET /v1/users/{id}/credit-line/statements/{period}}: one statement with its rows and schedule. */
    CompletableFuture<Reply> get(ApiCall call) {
        long user = CreditText.actingFor(call, call.pathId("id"));
        int period = CreditText.period(call.pathText("period"), "period");
        return one(user, period, 200);
    }

    /** {@code POST …/statements/{period}/installments {"months"}}: 3, 6, 9 or 12 months, before the due date, unpaid. */
    CompletableFuture<Reply> install(ApiCall call) {
        long user = CreditText.actingFor(call, call.pathId("id"));
        int period = CreditText.period(call.pathText("period"), "period");
        Fields body = Fields.of(Json.object(call.body(), false), "", installFields);
        if (!body.has("months")) {
            throw ApiException.missingField("months");
        }
        int months = body.integer("months", 1, 12, 0);
        if (months % 3 != 0) {
            throw ApiException.invalidField("months", "must be 3, 6, 9 or 12");
        }
        return ledger.submit(ledger.shardOf(user), new Command[] {new InstallStatement(user, period, months)})
                .thenCompose(rs -> {
                    Result r = rs[0];
                    if (r == CreditResults.credit_line_not_found) {
                        throw ApiException.notFound("user " + user + " has no credit line");
                    }
                    if (r == CreditResults.statement_not_found) {
                        throw ApiException.notFound("no statement " + CreditText.period(period));
                    }
                    if (r != Result.ok && r != Result.exists) {
                        throw ApiException.refused(r);
                    }
                    return one(user, period, r == Result.ok ? 201 : 200);
                });
    }

    private CompletableFuture<Reply> one(long user, int period, int status) {
        return ledger.read(user, l -> {
            CreditModule m = l.module(CreditModule.class);
            CreditLineView line = m.line(user);
            StatementView s = m.statement(user, period);
            return new Read(line, s == null ? List.of() : List.of(s));
        }).thenApply(r -> {
            if (r.line() == null) {
                throw ApiException.notFound("user " + user + " has no credit line");
            }
            if (r.statements().isEmpty()) {
                throw ApiException.notFound("no statement " + CreditText.period(period));
            }
            Currency c = Currency.ofLedger(r.line().ledger());
            return Reply.object(status, g -> write(g, r.statements().get(0), c));
        });
    }

    private static void write(JsonGenerator g, StatementView s, Currency c) throws IOException {
        g.writeStringField("period", CreditText.period(s.period()));
        g.writeStringField("statement_date", CreditText.date(s.day()));
        g.writeStringField("due_date", CreditText.date(s.dueDay()));
        g.writeStringField("amount", Amounts.format(s.amount(), c));
        g.writeStringField("minimum", Amounts.format(s.minimum(), c));
        g.writeStringField("repaid", Amounts.format(s.repaid(), c));
        g.writeStringField("refunded", Amounts.format(s.refunded(), c));
        g.writeStringField("charges", Amounts.format(s.charges(), c));
        g.writeStringField("owed", Amounts.format(s.owed(), c));
        g.writeStringField("status", s.status());
        g.writeArrayFieldStart("lines");
        for (StatementView.Row row : s.rows()) {
            g.writeStartObject();
            g.writeStringField("kind", row.kind());
            if (row.kind().equals("purchase")) {
                g.writeStringField("reference", Long.toString(row.reference()));
            } else {
                g.writeStringField("plan_period", CreditText.period((int) row.reference()));
                g.writeNumberField("part", row.part());
                g.writeNumberField("of", row.of());
                g.writeStringField("fee", Amounts.format(row.fee(), c));
            }
            g.writeStringField("amount", Amounts.format(row.amount(), c));
            g.writeEndObject();
        }
        g.writeEndArray();
        if (s.installedMonths() > 0) {
            g.writeArrayFieldStart("installments");
            for (StatementView.Part p : s.schedule()) {
                g.writeStartObject();
                g.writeNumberField("n", p.n());
                g.writeStringField("period", CreditText.period(p.period()));
                g.writeStringField("principal", Amounts.format(p.principal(), c));
                g.writeStringField("fee", Amounts.format(p.fee(), c));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }
}
