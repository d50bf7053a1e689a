package io.atta.server.credit;

import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.credit.CreditResults;
import io.atta.core.credit.SetKyc;
import io.atta.core.credit.UseScoreModel;
import io.atta.engine.credit.CreditModule;
import io.atta.engine.credit.Score;
import io.atta.engine.credit.ScoreReason;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** KYC levels, the credit score and the scorecard in use (docs/CREDIT.md, "Score"). */
final class ScoreApi {
    private static final Set<String> kycFields = Set.of("level");
    private static final Set<String> modelFields = Set.of("version");

    private final ServerLedger ledger;

    ScoreApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code POST /v1/users/{id}/kyc} (admin): records the level and rescores the user. */
    CompletableFuture<Reply> kyc(ApiCall call) {
        long user = call.pathId("id");
        Fields body = Fields.of(Json.object(call.body(), false), "", kycFields);
        if (!body.has("level")) {
            throw ApiException.missingField("level");
        }
        int level = body.integer("level", 0, SetKyc.maxLevel, 0);
        return ledger.submit(ledger.shardOf(user), new Command[] {new SetKyc(user, level)}).thenCompose(rs -> {
            if (rs[0] == Result.user_not_found || rs[0] == Result.accounts_on_different_shards) {
                throw ApiException.notFound("no user " + user);
            }
            if (rs[0] != Result.ok) {
                throw ApiException.refused(rs[0]);
            }
            return scoreReply(user);
        });
    }

    /** {@code GET /v1/users/{id}/credit-score}: the score last recorded (or computed now when none was). */
    CompletableFuture<Reply> score(ApiCall call) {
        long user = CreditText.actingFor(call, call.pathId("id"));
        return scoreReply(user);
    }

    private CompletableFuture<Reply> scoreReply(long user) {
        long now = ledger.now();
        record Read(Score score, int kyc) {
        }
        return ledger.read(user, l -> {
            CreditModule m = l.module(CreditModule.class);
            return new Read(m.score(user, now), m.kycLevel(user));
        }).thenApply(r -> {
            if (r.score() == null) {
                throw ApiException.notFound("no user " + user);
            }
            Score s = r.score();
            return Reply.ok(g -> {
                g.writeStringField("user_id", Long.toString(user));
                g.writeNumberField("score", s.score());
                g.writeStringField("model_version", Integer.toString(s.modelVersion()));
                g.writeStringField("computed_at", ValueText.instant(s.computedAt()));
                g.writeNumberField("kyc_level", r.kyc());
                g.writeObjectFieldStart("dimensions");
                g.writeNumberField("history", s.history());
                g.writeNumberField("behaviour", s.behaviour());
                g.writeNumberField("capacity", s.capacity());
                g.writeNumberField("identity", s.identity());
                g.writeNumberField("relationships", s.relationships());
                g.writeEndObject();
                g.writeArrayFieldStart("reasons");
                for (ScoreReason reason : s.reasons()) {
                    g.writeStartObject();
                    g.writeStringField("code", reason.name());
                    g.writeStringField("description", reason.description());
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    /** {@code POST /v1/credit/score-model} (admin): the scorecard every shard uses from now on. */
    CompletableFuture<Reply> useModel(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", modelFields);
        int version = Integer.parseInt(digits(body.string("version")));
        List<CompletableFuture<Result[]>> all = new ArrayList<>();
        for (int shard = 0; shard < ledger.shardCount(); shard++) {
            all.add(ledger.submit(shard, new Command[] {new UseScoreModel(version)}));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            for (CompletableFuture<Result[]> f : all) {
                Result r = f.join()[0];
                if (r == CreditResults.score_model_unknown) {
                    throw ApiException.invalidField("version", "must be a scorecard version this build has (1)");
                }
                if (r != Result.ok && r != Result.exists) {
                    throw ApiException.refused(r);
                }
            }
            return Reply.ok(g -> g.writeStringField("model_version", Integer.toString(version)));
        });
    }

    private static String digits(String text) {
        if (!text.matches("[1-9][0-9]{0,4}")) {
            throw ApiException.invalidField("version", "must be a scorecard version such as \"1\"");
        }
        return text;
    }
}
