package io.atta.server.insurance;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.command.Result;
import io.atta.core.insurance.CreateInsurer;
import io.atta.core.insurance.InsuranceLimits;
import io.atta.engine.insurance.InsuranceModule;
import io.atta.engine.insurance.InsurerView;
import io.atta.engine.insurance.ProductView;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Insurers (docs/INSURANCE.md): an operator creates one on every shard; its statement, summed
 * over shards, is read by its own insurer key or an operator.
 */
final class InsurerApi {
    private static final Set<String> createFields = Set.of("code", "name", "currency", "owner_user_id");

    private final InsuranceDirectory directory;

    InsurerApi(InsuranceDirectory directory) {
        this.directory = directory;
    }

    static String code(String text, String field) {
        if (!text.matches("[A-Za-z0-9_-]{1," + InsuranceLimits.maxCodeLength + "}")) {
            throw ApiException.invalidField(field, "must be 1 to " + InsuranceLimits.maxCodeLength
                    + " characters of A-Z a-z 0-9 _ - (maxCodeLength)");
        }
        return text;
    }

    static String name(String text, String field) {
        String name = text.strip();
        if (name.isEmpty() || name.length() > InsuranceLimits.maxNameLength) {
            throw ApiException.invalidField(field, "must be 1 to " + InsuranceLimits.maxNameLength
                    + " characters (maxNameLength)");
        }
        return name;
    }

    /** {@code POST /v1/insurers} (admin): 201 with the insurer, created on every shard; 200 when it was. */
    CompletableFuture<Reply> create(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", createFields);
        String code = code(body.string("code"), "code");
        String name = name(body.string("name"), "name");
        Currency currency = body.currency("currency");
        long owner = body.id("owner_user_id");
        var ledger = directory.ledger();
        return ledger.read(owner, l -> l.user(owner) == null ? 0L : l.user(owner).walletAccountId())
                .thenCompose(wallet -> {
                    if (wallet == 0) {
                        throw ApiException.invalidField("owner_user_id", "must be an existing user");
                    }
                    return directory.everywhere(new CreateInsurer(code, name, currency.ledger(), owner, wallet));
                }).thenApply(rs -> {
                    for (Result r : rs) {
                        if (r == Result.exists_with_different_fields) {
                            throw new ApiException(409, "insurer_exists", "insurer " + code
                                    + " exists with other terms", "code");
                        }
                        if (r != Result.ok && r != Result.exists) {
                            throw ApiException.refused(r);
                        }
                    }
                    return Reply.object(rs.get(0) == Result.ok ? 201 : 200, g -> {
                        g.writeStringField("code", code);
                        g.writeStringField("name", name);
                        g.writeStringField("currency", currency.name());
                        g.writeStringField("owner_user_id", Long.toString(owner));
                    });
                });
    }

    /** One shard's part of a statement. */
    private record ShardPart(int shard, InsurerView insurer, List<ProductView> products) {
    }

    /**
     * {@code GET /v1/insurers/{code}/statement} (admin, or an insurer key of the insurer's owner):
     * per product, what it took and paid over every shard; per shard, the two accounts' balances
     * that settlement moves to and from the insurer's wallet.
     */
    CompletableFuture<Reply> statement(ApiCall call) {
        String code = code(call.pathText("code"), "code");
        var ledger = directory.ledger();
        return directory.insurer(code).thenCompose(t -> {
            if (!call.caller().readsStatementsOf(t.ownerUserId())) {
                throw ApiException.forbidden("only insurer " + code + " (an insurer key of user " + t.ownerUserId()
                        + ") or an operator reads its statement", null);
            }
            List<CompletableFuture<ShardPart>> parts = new ArrayList<>();
            for (int s = 0; s < ledger.shardCount(); s++) {
                int shard = s;
                parts.add(ledger.readShard(s, l -> {
                    InsuranceModule m = l.module(InsuranceModule.class);
                    return new ShardPart(shard, m.insurer(code), m.productsOf(code));
                }));
            }
            return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
                    .thenApply(v -> write(t, parts.stream().map(CompletableFuture::join).toList()));
        });
    }

    private static Reply write(CreateInsurer t, List<ShardPart> parts) {
        Currency c = Currency.ofLedger(t.ledger());
        return Reply.ok(g -> {
            g.writeStringField("insurer", t.code());
            g.writeStringField("currency", c.name());
            long premiums = 0;
            long claims = 0;
            g.writeArrayFieldStart("products");
            // By code, over the shards that have the product (one whose creation has not reached
            // every shard yet counts where it is).
            java.util.TreeMap<String, long[]> sums = new java.util.TreeMap<>();
            java.util.Map<String, ProductView> terms = new java.util.HashMap<>();
            for (ShardPart part : parts) {
                for (ProductView p : part.products()) {
                    long[] row = {p.policies(), p.premiums(), p.premiumTotal(), p.claimsPaid(), p.claimsPaidTotal(),
                            p.claimsRejected(), p.sharesTotal(), p.borneTotal(), p.activeMembers(), p.waitingTotal()};
                    long[] sum = sums.computeIfAbsent(p.terms().code(), code -> new long[row.length]);
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] = Math.addExact(sum[k], row[k]);
                    }
                    terms.putIfAbsent(p.terms().code(), p);
                }
            }
            for (var e : sums.entrySet()) {
                long[] sum = e.getValue();
                ProductView first = terms.get(e.getKey());
                premiums += sum[2];
                claims += sum[4];
                g.writeStartObject();
                g.writeStringField("product", first.terms().code());
                g.writeStringField("kind", io.atta.core.insurance.InsuranceKind.ofCode(first.terms().kind()).name());
                g.writeNumberField("policies", sum[0]);
                g.writeNumberField("premiums", sum[1]);
                g.writeStringField("premium_total", Amounts.format(sum[2], c));
                g.writeNumberField("claims_paid", sum[3]);
                g.writeStringField("claims_paid_total", Amounts.format(sum[4], c));
                g.writeNumberField("claims_rejected", sum[5]);
                g.writeStringField("shares_total", Amounts.format(sum[6], c));
                g.writeStringField("borne_by_insurer", Amounts.format(sum[7], c));
                g.writeNumberField("active_members", sum[8]);
                g.writeStringField("approved_waiting", Amounts.format(sum[9], c));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("premium_total", Amounts.format(premiums, c));
            g.writeStringField("claims_paid_total", Amounts.format(claims, c));
            g.writeArrayFieldStart("shards");
            for (ShardPart part : parts) {
                if (part.insurer() == null) {
                    continue; // its creation has not reached this shard yet
                }
                g.writeStartObject();
                g.writeNumberField("shard", part.shard());
                g.writeStringField("premium_account", Long.toString(part.insurer().premiumAccount()));
                g.writeStringField("premium_balance", Amounts.format(part.insurer().premiumBalance(), c));
                g.writeStringField("claims_account", Long.toString(part.insurer().claimsAccount()));
                g.writeStringField("claims_balance", Amounts.format(part.insurer().claimsBalance(), c));
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
