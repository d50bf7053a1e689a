package io.atta.server.insurance;

import io.atta.core.Currency;
import io.atta.core.command.Result;
import io.atta.core.insurance.CreateInsuranceProduct;
import io.atta.core.insurance.InsuranceKind;
import io.atta.core.insurance.InsuranceLimits;
import io.atta.core.insurance.PremiumPayer;
import io.atta.core.insurance.PremiumRule;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.json.AmountText;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;

import java.math.BigDecimal;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Insurance products (docs/INSURANCE.md, "Products"): an operator creates one of an insurer on
 * every shard, in the insurer's currency; every key reads one.
 */
final class ProductApi {
    private static final Set<String> createFields = Set.of("code", "name", "insurer", "kind", "premium",
            "premium_rate", "premium_min", "premium_max", "payer", "coverage", "claim_window_hours", "term_days",
            "period_days");

    private final InsuranceDirectory directory;

    ProductApi(InsuranceDirectory directory) {
        this.directory = directory;
    }

    /** {@code POST /v1/insurance/products} (admin): 201 with the product, on every shard; 200 when it was. */
    CompletableFuture<Reply> create(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", createFields);
        String code = InsurerApi.code(body.string("code"), "code");
        String name = InsurerApi.name(body.string("name"), "name");
        String insurer = InsurerApi.code(body.string("insurer"), "insurer");
        InsuranceKind kind = InsuranceKind.ofName(body.string("kind"));
        if (kind == null) {
            throw ApiException.invalidField("kind", "must be one of return_shipping, account_security, mutual_aid");
        }
        long now = directory.ledger().now();
        return directory.insurer(insurer).exceptionally(e -> {
            if (InsuranceDirectory.isNotFound(e)) {
                throw ApiException.invalidField("insurer", "must name an insurer created with POST /v1/insurers");
            }
            throw e instanceof CompletionException c ? c : new CompletionException(e);
        }).thenCompose(t -> {
            CreateInsuranceProduct asked = terms(body, code, name, t.code(), kind, Currency.ofLedger(t.ledger()), now);
            return directory.productOrNull(code).thenCompose(existing -> {
                // A repeat keeps the first creation's start, so that its terms are the same on every shard.
                CreateInsuranceProduct p = existing == null ? asked : startingAt(asked, existing.startsAt());
                if (existing != null && !existing.equals(p)) {
                    throw new ApiException(409, "insurance_product_exists", "product " + code
                            + " exists with other terms", "code");
                }
                return directory.everywhere(p).thenApply(rs -> {
                    for (Result r : rs) {
                        if (r == Result.exists_with_different_fields) {
                            throw new ApiException(409, "insurance_product_exists", "product " + code
                                    + " exists with other terms", "code");
                        }
                        if (r != Result.ok && r != Result.exists) {
                            throw ApiException.refused(r);
                        }
                    }
                    int status = rs.get(0) == Result.ok ? 201 : 200;
                    return Reply.object(status, g -> InsuranceJson.product(g, p));
                });
            });
        });
    }

    private static CreateInsuranceProduct startingAt(CreateInsuranceProduct p, long startsAt) {
        return new CreateInsuranceProduct(p.code(), p.name(), p.insurerCode(), p.kind(), p.ledger(), p.payer(),
                p.premiumFixed(), p.premiumRatePpm(), p.premiumMin(), p.premiumMax(), p.coverage(),
                p.claimWindowSeconds(), p.termSeconds(), p.periodSeconds(), startsAt);
    }

    private static CreateInsuranceProduct terms(Fields body, String code, String name, String insurer,
                                                InsuranceKind kind, Currency c, long now) {
        long fixed = 0;
        int ratePpm = 0;
        long min = 0;
        long max = 0;
        if (body.has("premium_rate")) {
            if (body.has("premium")) {
                throw ApiException.invalidField("premium", "must be absent when premium_rate is given: a premium is "
                        + "fixed or a rate");
            }
            if (kind != InsuranceKind.return_shipping) {
                throw ApiException.invalidField("premium_rate", "applies to return_shipping only (a rate of the "
                        + "trade's amount); give premium");
            }
            ratePpm = rate(body.string("premium_rate"));
            min = body.has("premium_min") ? AmountText.parse(body.string("premium_min"), c, "premium_min") : 0;
            max = body.has("premium_max") ? AmountText.parse(body.string("premium_max"), c, "premium_max")
                    : Long.MAX_VALUE;
            if (max < min) {
                throw ApiException.invalidField("premium_max", "must not be below premium_min");
            }
        } else {
            if (body.has("premium_min") || body.has("premium_max")) {
                throw ApiException.invalidField(body.has("premium_min") ? "premium_min" : "premium_max",
                        "applies with premium_rate only");
            }
            fixed = body.has("premium") ? AmountText.parse(body.string("premium"), c, "premium") : 0;
        }
        PremiumPayer payer = PremiumPayer.buyer;
        if (body.has("payer")) {
            payer = PremiumPayer.ofName(body.string("payer"));
            if (payer == null || kind != InsuranceKind.return_shipping) {
                throw ApiException.invalidField("payer", kind != InsuranceKind.return_shipping
                        ? "applies to return_shipping only" : "must be \"buyer\" or \"seller\"");
            }
        }
        long coverage = body.positiveAmount("coverage", c);
        long window = 0;
        long term = 0;
        long period = 0;
        if (kind != InsuranceKind.return_shipping) {
            window = 3600L * body.integer("claim_window_hours", 1, InsuranceLimits.maxClaimWindowHours,
                    InsuranceLimits.defaultClaimWindowHours, "maxClaimWindowHours");
        } else if (body.has("claim_window_hours")) {
            throw ApiException.invalidField("claim_window_hours", "does not apply to return_shipping: its claim is "
                    + "the refund itself");
        }
        if (kind == InsuranceKind.account_security) {
            term = 86_400L * body.integer("term_days", 1, InsuranceLimits.maxTermDays, InsuranceLimits.defaultTermDays,
                    "maxTermDays");
        } else if (body.has("term_days")) {
            throw ApiException.invalidField("term_days", "applies to account_security only");
        }
        if (kind == InsuranceKind.mutual_aid) {
            period = 86_400L * body.integer("period_days", 1, InsuranceLimits.maxPeriodDays,
                    InsuranceLimits.defaultPeriodDays, "maxPeriodDays");
        } else if (body.has("period_days")) {
            throw ApiException.invalidField("period_days", "applies to mutual_aid only");
        }
        return new CreateInsuranceProduct(code, name, insurer, kind.code(), c.ledger(), payer.code(), fixed, ratePpm,
                min, max, coverage, window, term, period, now);
    }

    /** A rate as a decimal fraction of the trade's amount ("0.015" is 1.5 %), to parts per million. */
    private static int rate(String text) {
        BigDecimal r;
        try {
            r = new BigDecimal(text);
        } catch (NumberFormatException e) {
            r = null;
        }
        if (r == null || r.signum() <= 0 || r.compareTo(BigDecimal.ONE) > 0
                || r.stripTrailingZeros().scale() > InsuranceLimits.rateDecimals) {
            throw ApiException.invalidField("premium_rate", "must be a decimal above 0 and at most 1 with at most "
                    + InsuranceLimits.rateDecimals + " decimals, such as \"0.015\" (rateDecimals)");
        }
        int ppm = r.movePointRight(InsuranceLimits.rateDecimals).intValueExact();
        assert ppm <= PremiumRule.maxRatePpm;
        return ppm;
    }

    /** {@code GET /v1/insurance/products/{code}} (every key). */
    CompletableFuture<Reply> get(ApiCall call) {
        String code = InsurerApi.code(call.pathText("code"), "code");
        return directory.product(code).thenApply(p -> Reply.ok(g -> InsuranceJson.product(g, p)));
    }
}
