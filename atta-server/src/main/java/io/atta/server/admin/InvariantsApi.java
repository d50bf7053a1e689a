package io.atta.server.admin;

import io.atta.cluster.Invariants;
import io.atta.cluster.LedgerService;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * {@code GET /v1/admin/invariants} (admin only): every shard's sums per currency, the in-transit
 * accounts, the unfinished cross-shard transactions and the rules broken (docs/API.md, Admin).
 */
public final class InvariantsApi {
    private final LedgerService service;
    private final Executor serverThreads;
    private final LongSupplier clockNanos;

    /** Ages of unfinished transactions are counted by the wall clock, which the leaders stamp with. */
    public InvariantsApi(LedgerService service, Executor serverThreads) {
        this(service, serverThreads, InvariantsApi::wallClockNanos);
    }

    InvariantsApi(LedgerService service, Executor serverThreads, LongSupplier clockNanos) {
        this.service = service;
        this.serverThreads = serverThreads;
        this.clockNanos = clockNanos;
    }

    private static long wallClockNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public CompletableFuture<Reply> get(ApiCall call) {
        if (!call.caller().isAdmin()) {
            throw ApiException.forbidden("only the admin key may see the invariants", null);
        }
        // The report is read on the shards' threads; the document is written on the server's.
        return Invariants.check(service, clockNanos.getAsLong())
                .thenApplyAsync(r -> new Reply(200, InvariantsJson.of(r)), serverThreads);
    }
}
