package io.atta.server.transfers;

import io.atta.cluster.TransferRow;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.Adjustment;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.risk.DecisionRecord;
import io.atta.engine.risk.RiskModule;
import io.atta.server.risk.ClientContexts;
import io.atta.server.auth.AccountAccess;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.BodyBytes;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Json;
import io.atta.server.metrics.TransferMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code POST /v1/transfers} (the hot path) and {@code GET /v1/transfers/{id}}. */
public final class TransferApi {
    private final ServerLedger ledger;
    private final AccountAccess access;
    private final TransferMetrics metrics;

    public TransferApi(ServerLedger ledger, AccountAccess access, TransferMetrics metrics) {
        this.ledger = ledger;
        this.access = access;
        this.metrics = metrics;
    }

    /**
     * Parses, routes by shard, submits one group per shard and one transaction per transfer or
     * chain that spans shards, answers in request order.
     */
    public CompletableFuture<Reply> create(ApiCall call) {
        long acting = call.caller().actingUserId();
        CreateTransfer[] items = TransferBatchParser.parse(call.bodyBytes(), acting,
                acting == 0 ? null : ClientContexts.of(call, acting));
        TransferRouting routing = TransferRouting.route(items, ledger.shardCount(), ledger::shardOf);
        Result[] results = routing.results;
        List<CompletableFuture<Void>> submitted = new ArrayList<>();
        for (int s = 0; s < routing.groups.length; s++) {
            if (routing.groups[s] == null) {
                continue;
            }
            int[] positions = routing.positions[s];
            submitted.add(ledger.submit(s, routing.groups[s]).thenAccept(rs -> {
                if (rs.length != positions.length) {
                    throw new IllegalStateException("shard answered " + rs.length + " results for "
                            + positions.length + " transfers");
                }
                for (int j = 0; j < rs.length; j++) {
                    results[positions[j]] = rs[j];
                }
            }));
        }
        if (!routing.transactions.isEmpty()) {
            List<CreateTransfer[]> txs = new ArrayList<>(routing.transactions.size());
            for (int[] span : routing.transactions) {
                txs.add(java.util.Arrays.copyOfRange(items, span[0], span[1]));
            }
            submitted.add(ledger.transactAll(txs).thenAccept(all -> {
                for (int k = 0; k < all.size(); k++) {
                    Result[] rs = all.get(k);
                    System.arraycopy(rs, 0, results, routing.transactions.get(k)[0], rs.length);
                }
            }));
        }
        return CompletableFuture.allOf(submitted.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> Reply.segmented(200, results(items, results)));
    }

    private BodyBytes results(CreateTransfer[] items, Result[] results) {
        BodyBytes body = ResultsBody.write(items, results);
        metrics.record(results);
        return body;
    }

    private static final java.util.Set<String> readParams = java.util.Set.of("consistency");

    /**
     * A transfer by id, whole: for a cross-shard transfer its two accounts and the state its
     * transaction left it in, for a pending one what its post or void moved. A transfer id
     * carries a slot of its debit account's shard (docs/API.md, Transfer ids), so exactly that
     * shard is asked: nothing another shard holds under the same number, such as the voided piece
     * of someone's refused attempt to reuse it, can stand in for the transfer.
     */
    public CompletableFuture<Reply> get(ApiCall call) {
        long id = call.pathId("id");
        boolean stale = call.staleRead(readParams);
        return ledger.history(ledger.shardOf(id), stale).thenApply(h -> {
            TransferRecord r = h.transfer(id).orElseThrow(() -> ApiException.notFound("no transfer " + id));
            return new TransferRow(r, TransferRow.resolvedByTransfer(r) ? h.resolutionOf(id).orElse(null) : null);
        }).thenCompose(row -> access.mayActOn(call.caller(), row.debitAccountId())
                .thenCompose(may -> may ? CompletableFuture.completedFuture(true)
                        : access.mayActOn(call.caller(), row.creditAccountId()))
                .thenCompose(may -> {
                    if (!may) {
                        throw ApiException.forbidden("this key may not see transfer " + id, null);
                    }
                    // An operator's adjustment is kept on its user's shard, the shard of its id's slot;
                    // risk control's decision on the debit account's, the shard of the id's slot too.
                    return ledger.read(id, l -> new Object[] {l.adjustment(id),
                            l.module(RiskModule.class).decision(id)}).thenApply(found ->
                            new Reply(200, Json.write(512, g -> TransferJson.write(g, row, (Adjustment) found[0],
                                    (DecisionRecord) found[1]))));
                }));
    }
}
