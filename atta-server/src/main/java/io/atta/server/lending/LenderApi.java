package io.atta.server.lending;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.DerivedIds;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.Result;
import io.atta.core.lending.CreateLender;
import io.atta.core.lending.FundLender;
import io.atta.core.lending.LoanLimits;
import io.atta.core.lending.LoanResults;
import io.atta.engine.channel.Channel;
import io.atta.engine.lending.LenderView;
import io.atta.engine.lending.LendingModule;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.EdgeIds;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Lenders (docs/LOANS.md, Lenders): an operator creates one on every shard; a channel deposits
 * its funding, spread over the shards (or onto one); the lender and operators read its funding,
 * exposure and income summed over shards, with each shard's part.
 */
final class LenderApi {
    private static final Set<String> createFields = Set.of("name", "currency", "request_id");
    private static final Set<String> depositFields = Set.of("amount", "currency", "channel_ref", "shard");

    private final ServerLedger ledger;

    LenderApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** {@code POST /v1/lenders} (admin): 201 with the lender, on every shard; the same request_id again is 200. */
    CompletableFuture<Reply> create(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", createFields);
        String name = body.string("name").strip();
        if (name.isEmpty() || name.length() > LoanLimits.maxLenderNameLength) {
            throw ApiException.invalidField("name", "must be 1 to " + LoanLimits.maxLenderNameLength
                    + " characters (maxLenderNameLength)");
        }
        Currency currency = body.currency("currency");
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        String key = "lender:" + requestId;
        long lenderId = EdgeIds.derived(EdgeIds.derivedSlot(key), key, "lender");
        CreateLender create = new CreateLender(lenderId, name, currency.ledger());
        int home = ledger.shardOf(lenderId);
        return submit(home, create).thenCompose(first -> {
            if (first == Result.exists_with_different_fields) {
                throw new ApiException(409, first.apiName(), "request_id " + requestId
                        + " created a lender with other terms", "request_id");
            }
            if (first != Result.ok && first != Result.exists) {
                throw ApiException.refused(first);
            }
            List<CompletableFuture<Result>> rest = new ArrayList<>();
            for (int s = 0; s < ledger.shardCount(); s++) {
                if (s != home) {
                    rest.add(submit(s, create));
                }
            }
            return CompletableFuture.allOf(rest.toArray(new CompletableFuture<?>[0])).thenCompose(v -> {
                for (CompletableFuture<Result> r : rest) {
                    Result res = r.join();
                    if (res != Result.ok && res != Result.exists) {
                        throw ApiException.refused(res);
                    }
                }
                return view(lenderId);
            }).thenApply(views -> Reply.object(first == Result.ok ? 201 : 200, g -> LoanJson.lender(g, views)));
        });
    }

    /** {@code GET /v1/lenders/{lender_id}} (admin, the lender's keys): summed over every shard, with each shard's part. */
    CompletableFuture<Reply> get(ApiCall call) {
        long lenderId = call.pathId("lender_id");
        requireLender(call, lenderId);
        return view(lenderId).thenApply(views -> Reply.ok(g -> LoanJson.lender(g, views)));
    }

    /**
     * {@code POST /v1/lenders/{lender_id}/deposits} (a channel's key): money the channel received
     * for the lender enters its funding accounts, split evenly over the shards (the first shards
     * take the odd fen) or all on {@code shard}. One transfer per shard, each derived from the
     * channel, {@code channel_ref} and the shard: a repeat moves nothing.
     */
    CompletableFuture<Reply> deposit(ApiCall call) {
        long lenderId = call.pathId("lender_id");
        long channelId = call.caller().ownerId();
        Fields body = Fields.of(Json.object(call.body(), false), "", depositFields);
        Currency currency = body.currency("currency");
        long amount = body.positiveAmount("amount", currency);
        String channelRef = ValueText.requestId(body.string("channel_ref"), "channel_ref");
        int n = ledger.shardCount();
        int only = body.integer("shard", 0, n - 1, -1);
        long[] parts = new long[n];
        for (int s = 0; s < n; s++) {
            parts[s] = only >= 0 ? (s == only ? amount : 0) : amount / n + (s < amount % n ? 1 : 0);
        }
        return ledger.read(channelId, l -> l.channels().channel(channelId)).thenCompose(channel -> {
            if (channel == null || channel.ledger() != currency.ledger()) {
                throw ApiException.invalidField("currency", "must be the channel's currency");
            }
            List<CompletableFuture<Result>> each = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                int shard = s;
                long transferId = Ids.platformId(ledger.homeSlotOf(s),
                        DerivedIds.of("lender-deposit:" + channelId + ":" + channelRef + ":" + s));
                FundLender f = new FundLender(transferId, lenderId, channelId, parts[s], currency.ledger(), channelRef);
                each.add(parts[s] == 0 ? CompletableFuture.completedFuture(Result.exists)
                        : withChannel(channel, shard, f));
            }
            return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
                boolean any = false;
                for (CompletableFuture<Result> f : each) {
                    Result r = f.join();
                    if (r == LoanResults.lender_not_found) {
                        throw ApiException.notFound("no lender " + lenderId);
                    }
                    if (r != Result.ok && r != Result.exists) {
                        throw ApiException.refused(r);
                    }
                    any |= r == Result.ok;
                }
                boolean created = any;
                return Reply.object(created ? 201 : 200, g -> {
                    g.writeStringField("lender_id", Long.toString(lenderId));
                    g.writeStringField("channel_id", Long.toString(channelId));
                    g.writeStringField("result", created ? "ok" : "exists");
                    g.writeStringField("amount", Amounts.format(amount, currency));
                    g.writeStringField("currency", currency.name());
                    g.writeStringField("channel_ref", channelRef);
                    g.writeArrayFieldStart("shards");
                    for (int s = 0; s < n; s++) {
                        g.writeStartObject();
                        g.writeNumberField("shard", s);
                        g.writeStringField("amount", Amounts.format(parts[s], currency));
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                });
            });
        });
    }

    /** Submits to a shard that may not have applied the channel's creation yet: copies it there first if not. */
    private CompletableFuture<Result> withChannel(Channel channel, int shard, Command c) {
        return submit(shard, c).thenCompose(r -> r != Result.channel_not_found ? CompletableFuture.completedFuture(r)
                : submit(shard, new CreateChannel(channel.channelId(), channel.name(), channel.ledger()))
                        .thenCompose(created -> submit(shard, c)));
    }

    /** The lender on every shard, in shard order; 404 when shard of its id does not know it. */
    CompletableFuture<List<LenderView>> view(long lenderId) {
        List<CompletableFuture<LenderView>> reads = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            reads.add(ledger.readShard(s, l -> l.module(LendingModule.class).reads().lender(lenderId)));
        }
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<LenderView> views = new ArrayList<>();
            for (CompletableFuture<LenderView> r : reads) {
                views.add(r.join());
            }
            if (views.get(ledger.shardOf(lenderId)) == null) {
                throw ApiException.notFound("no lender " + lenderId);
            }
            return views;
        });
    }

    /** Admin, or a lender key of this lender; 403 otherwise. */
    static void requireLender(ApiCall call, long lenderId) {
        if (!call.caller().isAdmin() && call.caller().ownerId() != lenderId) {
            throw ApiException.forbidden("this key may not read lender " + lenderId, null);
        }
    }

    private CompletableFuture<Result> submit(int shard, Command c) {
        return ledger.submit(shard, new Command[] {c}).thenApply(rs -> rs[0]);
    }
}
