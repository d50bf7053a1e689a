package io.atta.server.insurance;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.insurance.BuyPolicy;
import io.atta.core.insurance.CreateInsuranceProduct;
import io.atta.core.insurance.DecideClaim;
import io.atta.core.insurance.InsuranceIds;
import io.atta.core.insurance.InsuranceLimits;
import io.atta.core.insurance.InsuranceResults;
import io.atta.core.insurance.ReportClaim;
import io.atta.engine.insurance.ClaimView;
import io.atta.engine.insurance.InsuranceModule;
import io.atta.engine.insurance.PolicyView;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.PlainText;
import io.atta.server.json.ValueText;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Policies and claims (docs/INSURANCE.md): a user buys or joins a product, reports a loss on its
 * policy, and an operator approves or rejects the claim. A user acts on its own policies; an
 * operator on any.
 */
final class PolicyApi {
    private static final Set<String> buyFields = Set.of("product", "request_id");
    private static final Set<String> claimFields = Set.of("request_id", "amount", "loss_at", "description");
    private static final Set<String> decideFields = Set.of("reason");

    private final InsuranceDirectory directory;
    private final ServerLedger ledger;

    PolicyApi(InsuranceDirectory directory) {
        this.directory = directory;
        this.ledger = directory.ledger();
    }

    /** {@code POST /v1/users/{id}/policies}: 201 with the policy bought (its premium paid), 200 for a repeat. */
    CompletableFuture<Reply> buy(ApiCall call) {
        long user = actingFor(call, call.pathId("id"));
        Fields body = Fields.of(Json.object(call.body(), false), "", buyFields);
        String code = InsurerApi.code(body.string("product"), "product");
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        long policyId = InsuranceIds.policy(user, requestId);
        return productNamed(code, "product").thenCompose(p -> submit(user, new BuyPolicy(policyId, user, code))
                .thenCompose(r -> {
                    if (r == Result.user_not_found) {
                        throw ApiException.notFound("no user " + user);
                    }
                    if (r == InsuranceResults.insurance_kind_mismatch) {
                        throw ApiException.invalidField("product", "must be an account_security or mutual_aid "
                                + "product: return_shipping is sold with a trade's payment");
                    }
                    if (r == Result.exists_with_different_fields) {
                        throw new ApiException(409, "exists_with_different_fields", "request_id " + requestId
                                + " bought another policy, or the user is a member of " + code + " already",
                                "request_id");
                    }
                    if (r != Result.ok && r != Result.exists) {
                        throw ApiException.refused(r);
                    }
                    return policyReply(policyId, Currency.ofLedger(p.ledger()), r == Result.ok ? 201 : 200);
                }));
    }

    /** {@code GET /v1/users/{id}/policies}: the user's policies, by id. */
    CompletableFuture<Reply> list(ApiCall call) {
        long user = actingFor(call, call.pathId("id"));
        return directory.products().thenCompose(products -> ledger.read(user,
                l -> l.module(InsuranceModule.class).policiesOf(user)).thenApply(ps -> Reply.ok(g -> {
                    g.writeArrayFieldStart("policies");
                    for (PolicyView p : ps) {
                        g.writeStartObject();
                        InsuranceJson.policy(g, p, currencyOf(products, p.productCode()));
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                })));
    }

    /** {@code GET /v1/policies/{id}}: the policy, for its holder or an operator. */
    CompletableFuture<Reply> get(ApiCall call) {
        long id = call.pathId("id");
        return owned(call, id).thenCompose(p -> directory.product(p.productCode())
                .thenApply(t -> Reply.ok(g -> InsuranceJson.policy(g, p, Currency.ofLedger(t.ledger())))));
    }

    /** {@code POST /v1/policies/{id}/claims}: 201 with the claim reported, 200 for a repeat. */
    CompletableFuture<Reply> report(ApiCall call) {
        long policyId = call.pathId("id");
        byte[] raw = call.body();
        // Whose policy it is comes first: another key is refused before its body is read.
        return owned(call, policyId).thenCompose(p -> directory.product(p.productCode()).thenCompose(t -> {
            Fields body = Fields.of(Json.object(raw, false), "", claimFields);
            String requestId = ValueText.requestId(body.string("request_id"), "request_id");
            long lossAt = ValueText.instantNanos(body.string("loss_at"), "loss_at");
            String description = body.has("description") ? PlainText.text(body.string("description"),
                    "description", InsuranceLimits.maxDescriptionLength, "maxDescriptionLength") : "";
            Currency c = Currency.ofLedger(t.ledger());
            long amount = body.positiveAmount("amount", c);
            long claimId = InsuranceIds.claim(policyId, requestId);
            ReportClaim report = new ReportClaim(claimId, policyId, p.userId(), amount, lossAt, description);
            return submit(policyId, report).thenCompose(r -> {
                refuseReport(r, t, p, c);
                return claimReply(claimId, c, r == Result.ok ? 201 : 200);
            });
        }));
    }

    /** The report's refusals: the window and the term name {@code loss_at}, the coverage {@code amount}. */
    private static void refuseReport(Result r, CreateInsuranceProduct t, PolicyView p, Currency c) {
        if (r == InsuranceResults.claim_window_passed) {
            throw ApiException.invalidField("loss_at", "must be within " + t.claimWindowSeconds() / 3600
                    + " h before the report (the product's claim_window_hours)");
        }
        if (r == InsuranceResults.loss_outside_policy_term) {
            throw ApiException.invalidField("loss_at", "must be within the policy's term (from " 
                    + ValueText.instant(p.startsAt()) + (p.endsAt() == 0 ? "" : " to " + ValueText.instant(p.endsAt()))
                    + ") and not after the report");
        }
        if (r == InsuranceResults.claim_over_coverage) {
            throw ApiException.invalidField("amount", "must be at most the policy's coverage left, "
                    + Amounts.format(t.coverage() - p.claimedAmount(), c) + " of " + Amounts.format(t.coverage(), c));
        }
        if (r == InsuranceResults.insurance_kind_mismatch) {
            throw new ApiException(409, r.apiName(), "a return_shipping policy's claim is paid with the trade's "
                    + "refund after shipment, not reported", null);
        }
        if (r == Result.exists_with_different_fields) {
            throw new ApiException(409, r.apiName(), "this request_id reported another claim", "request_id");
        }
        if (r != Result.ok && r != Result.exists) {
            throw ApiException.refused(r);
        }
    }

    /** {@code GET /v1/policies/{id}/claims}: the policy's claims, by id. */
    CompletableFuture<Reply> claims(ApiCall call) {
        long policyId = call.pathId("id");
        return owned(call, policyId).thenCompose(p -> directory.product(p.productCode()).thenCompose(t ->
                ledger.read(policyId, l -> l.module(InsuranceModule.class).claimsOf(policyId)).thenApply(cs ->
                        Reply.ok(g -> {
                            g.writeArrayFieldStart("claims");
                            for (ClaimView c : cs) {
                                g.writeStartObject();
                                InsuranceJson.claim(g, c, Currency.ofLedger(t.ledger()));
                                g.writeEndObject();
                            }
                            g.writeEndArray();
                        }))));
    }

    /** {@code POST /v1/claims/{id}/approve|reject} (admin): the claim as decided. */
    CompletableFuture<Reply> decide(ApiCall call, boolean approve) {
        long claimId = call.pathId("id");
        Fields body = Fields.of(Json.object(call.body(), true), "", decideFields);
        String reason = body.has("reason") ? PlainText.text(body.string("reason"), "reason",
                InsuranceLimits.maxDescriptionLength, "maxDescriptionLength") : "";
        return ledger.read(claimId, l -> l.module(InsuranceModule.class).claim(claimId)).thenCompose(c -> {
            if (c == null) {
                throw ApiException.notFound("no claim " + claimId);
            }
            return ledger.read(c.policyId(), l -> l.module(InsuranceModule.class).policy(c.policyId()));
        }).thenCompose(p -> directory.product(p.productCode())).thenCompose(t ->
                submit(claimId, new DecideClaim(claimId, approve, call.caller().keyId(), reason)).thenCompose(r -> {
                    if (r != Result.ok && r != Result.exists) {
                        throw ApiException.refused(r);
                    }
                    return claimReply(claimId, Currency.ofLedger(t.ledger()), 200);
                }));
    }

    /** The policy if the caller may act on it (its holder or an operator): 404 when there is none, else 403. */
    private CompletableFuture<PolicyView> owned(ApiCall call, long policyId) {
        return ledger.read(policyId, l -> l.module(InsuranceModule.class).policy(policyId)).thenApply(p -> {
            if (p == null) {
                throw ApiException.notFound("no policy " + policyId);
            }
            if (!call.caller().mayActFor(p.userId())) {
                throw ApiException.forbidden("this key may not act on policy " + policyId, "id");
            }
            return p;
        });
    }

    private CompletableFuture<CreateInsuranceProduct> productNamed(String code, String field) {
        return directory.productOrNull(code).thenApply(p -> {
            if (p == null) {
                throw ApiException.invalidField(field, "must name a product created with POST /v1/insurance/products");
            }
            return p;
        });
    }

    private CompletableFuture<Result> submit(long routedBy, Command c) {
        return ledger.submit(ledger.shardOf(routedBy), new Command[] {c}).thenApply(rs -> rs[0]);
    }

    private CompletableFuture<Reply> policyReply(long policyId, Currency c, int status) {
        return ledger.read(policyId, l -> l.module(InsuranceModule.class).policy(policyId))
                .thenApply(p -> Reply.object(status, g -> InsuranceJson.policy(g, p, c)));
    }

    private CompletableFuture<Reply> claimReply(long claimId, Currency c, int status) {
        return ledger.read(claimId, l -> l.module(InsuranceModule.class).claim(claimId))
                .thenApply(v -> Reply.object(status, g -> InsuranceJson.claim(g, v, c)));
    }

    private static Currency currencyOf(List<CreateInsuranceProduct> products, String code) {
        for (CreateInsuranceProduct p : products) {
            if (p.code().equals(code)) {
                return Currency.ofLedger(p.ledger());
            }
        }
        throw new IllegalStateException("a policy of product " + code + " that shard 0 does not know");
    }

    /** The user the call acts for: the caller itself, or anyone for an operator; 403 otherwise. */
    private static long actingFor(ApiCall call, long user) {
        if (!call.caller().mayActFor(user)) {
            throw ApiException.forbidden("this key may not act on user " + user, "id");
        }
        return user;
    }
}
