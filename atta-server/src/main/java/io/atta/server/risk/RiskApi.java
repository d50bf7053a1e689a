package io.atta.server.risk;

import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.risk.DecideReview;
import io.atta.core.risk.PutRiskRules;
import io.atta.core.risk.RiskLimits;
import io.atta.core.risk.RiskResults;
import io.atta.core.risk.SetKycLevel;
import io.atta.engine.risk.DecisionRecord;
import io.atta.engine.risk.RiskModule;
import io.atta.server.auth.Caller;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Risk control's API (docs/RISK.md, API): rule sets, reviews, decisions, the shadow report, KYC levels. */
final class RiskApi {
    /** Most decisions one {@code GET /v1/risk/decisions} answers. */
    static final int maxDecisionsPerPage = 200;
    private static final Set<String> decisionsQuery = Set.of("user_id", "limit");

    private final ServerLedger ledger;

    RiskApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code PUT /v1/risk/rules} (admin): the rule set on every shard, as one log command on each. */
    CompletableFuture<Reply> putRules(ApiCall call) {
        PutRiskRules p = RuleSetJson.parse(call.body(), call.caller().keyId());
        List<CompletableFuture<Result[]>> all = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            all.add(ledger.submit(s, new Command[] {p}));
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            for (CompletableFuture<Result[]> f : all) {
                Result r = f.join()[0];
                if (r != Result.ok && r != Result.exists) {
                    throw ApiException.refused(r);
                }
            }
            return new Reply(200, Json.write(1024, g -> RuleSetJson.write(g, p)));
        });
    }

    /** {@code GET /v1/risk/rules} (admin): the enforced and the shadow rule set (null when none). */
    CompletableFuture<Reply> getRules(ApiCall call) {
        return ledger.readShard(0, l -> {
            RiskModule m = l.module(RiskModule.class);
            return new PutRiskRules[] {m.enforcedRules(), m.shadowRules()};
        }).thenApply(sets -> Reply.ok(g -> {
            for (int i = 0; i < 2; i++) {
                g.writeFieldName(i == 0 ? "enforced" : "shadow");
                if (sets[i] == null) {
                    g.writeNull();
                } else {
                    RuleSetJson.write(g, sets[i]);
                }
            }
        }));
    }

    /** {@code GET /v1/risk/reviews} (admin): every open review, oldest first. */
    CompletableFuture<Reply> reviews(ApiCall call) {
        return everyShard(m -> m.openReviews()).thenApply(all -> {
            all.sort(Comparator.comparingLong(DecisionRecord::ts).thenComparingLong(DecisionRecord::transferId));
            return Reply.ok(g -> {
                g.writeArrayFieldStart("reviews");
                for (DecisionRecord r : all) {
                    DecisionJson.write(g, r);
                }
                g.writeEndArray();
            });
        });
    }

    /** {@code POST /v1/risk/reviews/{id}/approve|reject} (admin): posts or voids the held transfer. */
    CompletableFuture<Reply> decide(ApiCall call, boolean approve) {
        long id = call.pathId("id");
        DecideReview d = new DecideReview(id, approve, call.caller().keyId());
        return ledger.submit(ledger.shardOf(id), new Command[] {d}).thenCompose(rs -> {
            Result r = rs[0];
            if (r == RiskResults.review_not_found) {
                throw ApiException.notFound("no review " + id);
            }
            if (r != Result.ok && r != Result.exists) {
                throw ApiException.refused(r);
            }
            return ledger.read(id, l -> l.module(RiskModule.class).decision(id));
        }).thenApply(r -> new Reply(200, Json.write(512, g -> DecisionJson.write(g, r))));
    }

    /** {@code GET /v1/risk/decisions?user_id=&limit=}: a user's decisions, newest first (the user's own, or any for admin). */
    CompletableFuture<Reply> decisions(ApiCall call) {
        Caller caller = call.caller();
        String userText = call.query("user_id", decisionsQuery);
        long user;
        if (userText != null) {
            user = ValueText.id(userText, "user_id");
        } else if (caller.userId() != 0) {
            user = caller.userId();
        } else {
            throw ApiException.missingField("user_id");
        }
        if (!caller.mayActFor(user)) {
            throw ApiException.forbidden("this key may not see the decisions of user " + user, "user_id");
        }
        String limitText = call.query("limit", decisionsQuery);
        int limit = 50;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > maxDecisionsPerPage) {
                throw ApiException.invalidField("limit", "must be 1 to " + maxDecisionsPerPage
                        + " (maxDecisionsPerPage)");
            }
        }
        int shown = limit;
        return ledger.read(user, l -> l.module(RiskModule.class).decisions(user, Long.MAX_VALUE, shown))
                .thenApply(list -> Reply.ok(g -> {
                    g.writeStringField("user_id", Long.toString(user));
                    g.writeArrayFieldStart("decisions");
                    for (DecisionRecord r : list) {
                        DecisionJson.write(g, r);
                    }
                    g.writeEndArray();
                }));
    }

    /**
     * {@code GET /v1/risk/shadow} (admin): what the shadow rule set would have changed since it was
     * put, summed over every shard: movements and amounts per (enforced, shadow) decision.
     */
    CompletableFuture<Reply> shadowReport(ApiCall call) {
        List<CompletableFuture<Object[]>> all = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            all.add(ledger.readShard(s, l -> {
                RiskModule m = l.module(RiskModule.class);
                return new Object[] {m.shadowRules(), m.shadowCounts(), m.shadowAmounts()};
            }));
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> ShadowReportJson.reply(all.stream().map(CompletableFuture::join).toList()));
    }

    /** {@code PUT /v1/risk/users/{id}/kyc_level} (admin): the KYC level the amount rules use for the user. */
    CompletableFuture<Reply> setKycLevel(ApiCall call) {
        long user = call.pathId("id");
        Fields f = Fields.of(Json.object(call.body(), false), "", Set.of("level"));
        if (!f.has("level")) {
            throw ApiException.missingField("level");
        }
        int level = f.integer("level", 0, RiskLimits.maxKycLevel, 0, "maxKycLevel");
        SetKycLevel k = new SetKycLevel(user, level, call.caller().keyId());
        return ledger.submit(ledger.shardOf(user), new Command[] {k}).thenApply(rs -> {
            if (rs[0] == Result.user_not_found) {
                throw ApiException.notFound("no user " + user);
            }
            if (rs[0] != Result.ok) {
                throw ApiException.refused(rs[0]);
            }
            return Reply.ok(g -> {
                g.writeStringField("user_id", Long.toString(user));
                g.writeNumberField("kyc_level", level);
            });
        });
    }

    private <T> CompletableFuture<List<T>> everyShard(java.util.function.Function<RiskModule, List<T>> read) {
        List<CompletableFuture<List<T>>> all = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            all.add(ledger.readShard(s, l -> read.apply(l.module(RiskModule.class))));
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<T> out = new ArrayList<>();
            for (CompletableFuture<List<T>> f : all) {
                out.addAll(f.join());
            }
            return out;
        });
    }
}
