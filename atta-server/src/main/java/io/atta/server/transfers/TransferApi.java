package io.atta.server.transfers;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.TransferRecord;
import io.atta.server.auth.AccountAccess;
import io.atta.server.auth.Caller;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Json;
import io.atta.server.metrics.TransferMetrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code POST /v1/transfers} (the hot path) and {@code GET /v1/transfers/{id}}. */
public final class TransferApi {
    private static final SerializableString idField = new SerializedString("id");
    private static final SerializableString resultField = new SerializedString("result");
    private static final SerializableString[] resultNames = new SerializableString[Result.values().length];

    static {
        for (Result r : Result.values()) {
            resultNames[r.ordinal()] = new SerializedString(r.apiName());
        }
    }

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
        CreateTransfer[] items = TransferBatchParser.parse(call.body(), call.caller().actingUserId());
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
                .thenApply(v -> new Reply(200, results(items, results)));
    }

    private byte[] results(CreateTransfer[] items, Result[] results) {
        int[] counts = new int[resultNames.length];
        byte[] body = Json.write(items.length * 40 + 16, g -> {
            char[] digits = new char[20];
            g.writeStartObject();
            g.writeArrayFieldStart("results");
            for (int i = 0; i < items.length; i++) {
                g.writeStartObject();
                g.writeFieldName(idField);
                writeId(g, items[i].id(), digits);
                g.writeFieldName(resultField);
                g.writeString(resultNames[results[i].ordinal()]);
                g.writeEndObject();
                counts[results[i].ordinal()]++;
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        metrics.record(counts);
        return body;
    }

    /** Writes a non-negative id as a JSON string without making a String. */
    private static void writeId(JsonGenerator g, long id, char[] digits) throws IOException {
        int pos = digits.length;
        do {
            digits[--pos] = (char) ('0' + id % 10);
            id /= 10;
        } while (id != 0);
        g.writeString(digits, pos, digits.length - pos);
    }

    /**
     * A transfer by id. Ids are unique per shard of the debit account, so every shard's history
     * is asked; the answer is the first, by shard number, that the caller may see.
     */
    private static final java.util.Set<String> readParams = java.util.Set.of("consistency");

    public CompletableFuture<Reply> get(ApiCall call) {
        long id = call.pathId("id");
        boolean stale = call.staleRead(readParams);
        List<CompletableFuture<Optional<TransferRecord>>> each = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            each.add(ledger.history(s, stale).thenApply(h -> h.transfer(id)));
        }
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0])).thenCompose(v -> {
            List<TransferRecord> found = new ArrayList<>();
            each.forEach(f -> f.join().ifPresent(found::add));
            if (found.isEmpty()) {
                throw ApiException.notFound("no transfer " + id);
            }
            return firstVisible(call.caller(), found, 0);
        }).thenCompose(r -> {
            if (r == null) {
                throw ApiException.forbidden("this key may not see transfer " + id, null);
            }
            // An operator's adjustment is kept on its user's shard, which holds both its accounts.
            return ledger.read(r.creditAccountId(), l -> l.adjustment(id)).thenApply(adjustment ->
                    new Reply(200, Json.write(512, g -> TransferJson.write(g, r, adjustment))));
        });
    }

    private CompletableFuture<TransferRecord> firstVisible(Caller caller, List<TransferRecord> found, int from) {
        if (from == found.size()) {
            return CompletableFuture.completedFuture(null);
        }
        TransferRecord r = found.get(from);
        return access.mayActOn(caller, r.debitAccountId())
                .thenCompose(may -> may ? CompletableFuture.completedFuture(true)
                        : access.mayActOn(caller, r.creditAccountId()))
                .thenCompose(may -> may ? CompletableFuture.completedFuture(r) : firstVisible(caller, found, from + 1));
    }
}
