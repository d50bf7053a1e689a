package io.atta.server.wealth;

import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.wealth.CreateFund;
import io.atta.engine.wealth.WealthModule;
import io.atta.server.http.ApiException;
import io.atta.server.http.ServerLedger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Funds' terms as shard 0 records them, kept once read (terms never change after creation), and
 * the one way the fund's commands that every shard applies (calendars, funds, publications) are
 * sent: to every shard, each answering for itself.
 */
final class FundDirectory {
    /** The shard whose record of a fund the API answers with. */
    static final int firstShard = 0;

    private final ServerLedger ledger;
    private final ConcurrentHashMap<String, CreateFund> terms = new ConcurrentHashMap<>();

    FundDirectory(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** The fund's terms, or a future failed with 404. */
    CompletableFuture<CreateFund> terms(String code) {
        CreateFund kept = terms.get(code);
        if (kept != null) {
            return CompletableFuture.completedFuture(kept);
        }
        return ledger.readShard(firstShard, l -> {
            var f = l.module(WealthModule.class).fund(code);
            return f == null ? null : f.terms();
        }).thenApply(t -> {
            if (t == null) {
                throw ApiException.notFound("no fund " + code);
            }
            terms.putIfAbsent(code, t);
            return t;
        });
    }

    /** The command on every shard, shard 0 first when {@code firstAlone}; each shard's result in shard order. */
    CompletableFuture<List<Result>> everywhere(Command c, boolean firstAlone) {
        if (firstAlone) {
            return submit(firstShard, c).thenCompose(first -> {
                if (first != Result.ok && first != Result.exists) {
                    return CompletableFuture.completedFuture(List.of(first));
                }
                return others(c).thenApply(rest -> {
                    List<Result> all = new ArrayList<>();
                    all.add(first);
                    all.addAll(rest);
                    return all;
                });
            });
        }
        List<CompletableFuture<Result>> all = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            all.add(submit(s, c));
        }
        return collect(all);
    }

    private CompletableFuture<List<Result>> others(Command c) {
        List<CompletableFuture<Result>> all = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            if (s != firstShard) {
                all.add(submit(s, c));
            }
        }
        return collect(all);
    }

    private static CompletableFuture<List<Result>> collect(List<CompletableFuture<Result>> all) {
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    }

    CompletableFuture<Result> submit(int shard, Command c) {
        return ledger.submit(shard, new Command[] {c}).thenApply(rs -> rs[0]);
    }
}
