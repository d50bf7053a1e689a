package io.atta.server.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.cluster.LedgerService;
import io.atta.cluster.audit.AuditCheckpoints;
import io.atta.core.audit.AuditKeys;
import io.atta.core.audit.EventTypes;
import io.atta.core.audit.ShardHead;
import io.atta.core.audit.SignedCheckpoint;
import io.atta.engine.audit.AuditModule;
import io.atta.engine.audit.Inclusion;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.trade.TradeEvent;
import io.atta.engine.trade.TradeView;
import io.atta.server.auth.Caller;
import io.atta.server.auth.AccountAccess;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The audit routes (docs/AUDIT.md): the audit key, the node's signed checkpoints and the
 * consistency proofs between them, and the proofs of a transfer and of a trade's timeline, which
 * their owner or an operator verifies offline ({@code atta audit verify-proof}).
 */
final class AuditApi {
    private static final Set<String> consistencyParams = Set.of("from", "to");

    private final LedgerService service;
    private final ServerLedger ledger;
    private final AccountAccess access;

    AuditApi(LedgerService service, ServerLedger ledger, AccountAccess access) {
        this.service = service;
        this.ledger = ledger;
        this.access = access;
    }

    private AuditCheckpoints audit() {
        return service.audit().orElseThrow(() -> ApiException.notFound("this node keeps no audit checkpoints"));
    }

    CompletableFuture<Reply> key(ApiCall call) {
        byte[] raw = AuditKeys.raw(audit().publicKey());
        return CompletableFuture.completedFuture(Reply.ok(g -> {
            g.writeStringField("algorithm", "Ed25519");
            g.writeStringField("public_key", AuditJson.hex.formatHex(raw));
        }));
    }

    CompletableFuture<Reply> latest(ApiCall call) {
        return CompletableFuture.supplyAsync(() -> checkpointReply(audit().take()));
    }

    CompletableFuture<Reply> checkpoint(ApiCall call) {
        long n = call.pathId("n");
        SignedCheckpoint c = audit().log().get(n);
        if (c == null) {
            throw ApiException.notFound("no checkpoint " + n + "; the log holds " + audit().log().size());
        }
        return CompletableFuture.completedFuture(checkpointReply(c));
    }

    private static Reply checkpointReply(SignedCheckpoint c) {
        return new Reply(200, io.atta.server.json.Json.write(512, g -> AuditJson.checkpoint(g, c)));
    }

    CompletableFuture<Reply> consistency(ApiCall call) {
        long from = number(call.query("from", consistencyParams), "from");
        long to = number(call.query("to", consistencyParams), "to");
        AuditCheckpoints a = audit();
        long size = a.log().size();
        if (from < 1 || from > to || to > size) {
            throw ApiException.invalidField(from < 1 || from > to ? "from" : "to",
                    "1 <= from <= to <= " + size + " (the checkpoints this node holds)");
        }
        SignedCheckpoint first = a.log().get(from);
        SignedCheckpoint second = a.log().get(to);
        List<byte[]> proof = a.log().consistency(from, to);
        return CompletableFuture.completedFuture(Reply.ok(g -> {
            g.writeFieldName("from");
            AuditJson.checkpoint(g, first);
            g.writeFieldName("to");
            AuditJson.checkpoint(g, second);
            AuditJson.hashes(g, "proof", proof);
        }));
    }

    private static long number(String text, String field) {
        if (text == null) {
            throw ApiException.missingField(field);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, "a checkpoint number");
        }
    }

    /** The proof of transfer {@code id}, to its owner (either account's) or an operator. */
    CompletableFuture<Reply> transferProof(ApiCall call) {
        long id = call.pathId("id");
        AuditCheckpoints a = audit();
        int shard = ledger.shardOf(id);
        return ledger.history(shard).thenApply(h -> h.transfer(id)
                        .orElseThrow(() -> ApiException.notFound("no transfer " + id)))
                .thenCompose(r -> mayRead(call, r).thenCompose(may -> {
                    if (!may) {
                        throw ApiException.forbidden("this key may not see transfer " + id, null);
                    }
                    return ledger.readShard(shard, l -> {
                        AuditModule chain = l.module(AuditModule.class);
                        return chain.inclusion(chain.blockAt(r.timestamp()), EventTypes.transfer, id);
                    });
                }))
                .thenCompose(inc -> {
                    if (inc == null) {
                        throw ApiException.notFound("transfer " + id + " is older than its shard's audit chain");
                    }
                    SignedCheckpoint c = a.covering(shard, inc.height());
                    ShardHead head = c.checkpoint().head(shard);
                    return ledger.readShard(shard, l -> l.module(AuditModule.class)
                                    .headers(inc.height() + 1, head.height()))
                            .thenApply(following -> proofReply(id, inc, following, c));
                });
    }

    private CompletableFuture<Boolean> mayRead(ApiCall call, TransferRecord r) {
        return access.mayActOn(call.caller(), r.debitAccountId()).thenCompose(may -> may
                ? CompletableFuture.completedFuture(true) : access.mayActOn(call.caller(), r.creditAccountId()));
    }

    private static Reply proofReply(long id, Inclusion inc, List<byte[]> following, SignedCheckpoint c) {
        return Reply.ok(g -> {
            g.writeNumberField("transfer_id", id);
            proofFields(g, inc, following, c);
        });
    }

    /** The fields of one record's proof (docs/AUDIT.md §4). */
    private static void proofFields(JsonGenerator g, Inclusion inc, List<byte[]> following, SignedCheckpoint c)
            throws IOException {
        g.writeNumberField("shard", inc.shard());
        g.writeNumberField("height", inc.height());
        g.writeStringField("event", AuditJson.hex.formatHex(inc.event()));
        g.writeNumberField("leaf_index", inc.leafIndex());
        AuditJson.hashes(g, "path", inc.path());
        g.writeStringField("block", AuditJson.hex.formatHex(inc.header()));
        AuditJson.hashes(g, "following", following);
        g.writeFieldName("checkpoint");
        AuditJson.checkpoint(g, c);
    }

    /** One event of a trade's timeline with its proof. */
    private record EventProof(TradeEvent event, Inclusion inclusion, List<byte[]> following, SignedCheckpoint c) {
    }

    /**
     * The proofs of every entry of a trade's timeline, to its merchant, its buyer or an operator:
     * the order's entries are on the chain of the shard its number names, the rest on the
     * buyer's shard.
     */
    CompletableFuture<Reply> tradeProof(ApiCall call) {
        long tradeNo = call.pathId("trade_no");
        AuditCheckpoints a = audit();
        int orderShard = ledger.shardOf(tradeNo);
        return ledger.readShard(orderShard, l -> l.trades().order(tradeNo)).thenCompose(o -> {
            if (o == null) {
                throw ApiException.notFound("no trade " + tradeNo);
            }
            Caller c = call.caller();
            if (!c.isAdmin() && c.userId() != o.merchantId() && (o.buyerUserId() == 0 || c.userId() != o.buyerUserId())) {
                throw ApiException.forbidden("this key may not see trade " + tradeNo, null);
            }
            int buyerShard = o.buyerUserId() == 0 ? orderShard : ledger.shardOf(o.buyerUserId());
            return ledger.readShard(buyerShard, l -> {
                TradeView t = l.trades().trade(tradeNo);
                return t == null ? List.<TradeEvent>of() : t.events();
            }).thenCompose(tradeEvents -> {
                List<TradeEvent> timeline = new ArrayList<>(o.events());
                for (TradeEvent e : tradeEvents) {
                    if (!timeline.contains(e)) {
                        timeline.add(e);
                    }
                }
                return prove(tradeNo, timeline, List.of(orderShard, buyerShard), a);
            });
        }).thenApply(proofs -> Reply.ok(g -> {
            g.writeNumberField("trade_no", tradeNo);
            g.writeArrayFieldStart("events");
            for (EventProof p : proofs) {
                g.writeStartObject();
                g.writeStringField("type", p.event().type().name());
                g.writeNumberField("at", p.event().at());
                proofFields(g, p.inclusion(), p.following(), p.c());
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    /** Each event's inclusion on the first of {@code shards} whose chain holds it, with its way to a checkpoint. */
    private CompletableFuture<List<EventProof>> prove(long tradeNo, List<TradeEvent> events, List<Integer> shards,
                                                      AuditCheckpoints a) {
        CompletableFuture<List<EventProof>> all = CompletableFuture.completedFuture(new ArrayList<>());
        for (TradeEvent e : events) {
            all = all.thenCompose(done -> find(tradeNo, e, shards, 0).thenCompose(inc -> {
                if (inc == null) {
                    // An entry older than the chain (a history from before it) has no proof.
                    return CompletableFuture.completedFuture(done);
                }
                SignedCheckpoint c = a.covering(inc.shard(), inc.height());
                long to = c.checkpoint().head(inc.shard()).height();
                return ledger.readShard(inc.shard(), l -> l.module(AuditModule.class).headers(inc.height() + 1, to))
                        .thenApply(following -> {
                            done.add(new EventProof(e, inc, following, c));
                            return done;
                        });
            }));
        }
        return all;
    }

    private CompletableFuture<Inclusion> find(long tradeNo, TradeEvent e, List<Integer> shards, int k) {
        if (k == shards.size()) {
            return CompletableFuture.completedFuture(null);
        }
        return ledger.readShard(shards.get(k), l -> {
            AuditModule chain = l.module(AuditModule.class);
            return chain.inclusion(chain.blockAt(e.at()), ev -> isEvent(ev, tradeNo, e));
        }).thenCompose(inc -> inc != null ? CompletableFuture.completedFuture(inc) : find(tradeNo, e, shards, k + 1));
    }

    /** True when the chain's event {@code ev} (tag first) is the timeline entry {@code e} of trade {@code tradeNo}. */
    private static boolean isEvent(byte[] ev, long tradeNo, TradeEvent e) {
        if (ev[0] != EventTypes.tradeEvent || ev.length < 26) {
            return false;
        }
        // After the tag: trade_no at 1, merchant_id at 9, at at 17, type at 25 (docs/AUDIT.md §1).
        ByteBuffer b = ByteBuffer.wrap(ev);
        return b.getLong(1) == tradeNo && b.getLong(17) == e.at() && b.get(25) == (byte) e.type().code();
    }
}
