package io.atta.server.audit;

import io.atta.cluster.LedgerService;
import io.atta.cluster.audit.AuditCheckpoints;
import io.atta.core.audit.AuditKeys;
import io.atta.core.audit.EventTypes;
import io.atta.core.audit.ShardHead;
import io.atta.core.audit.SignedCheckpoint;
import io.atta.engine.audit.AuditModule;
import io.atta.engine.audit.Inclusion;
import io.atta.engine.ledger.TransferRecord;
import io.atta.server.auth.AccountAccess;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The audit routes (docs/AUDIT.md): the audit key, the node's signed checkpoints and the
 * consistency proofs between them, and the proof of a transfer, which its owner or an operator
 * verifies offline ({@code atta audit verify-proof}).
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
            g.writeNumberField("shard", inc.shard());
            g.writeNumberField("height", inc.height());
            g.writeStringField("event", AuditJson.hex.formatHex(inc.event()));
            g.writeNumberField("leaf_index", inc.leafIndex());
            AuditJson.hashes(g, "path", inc.path());
            g.writeStringField("block", AuditJson.hex.formatHex(inc.header()));
            AuditJson.hashes(g, "following", following);
            g.writeFieldName("checkpoint");
            AuditJson.checkpoint(g, c);
        });
    }
}
