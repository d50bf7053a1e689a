package io.atta.server.insurance;

import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.insurance.CreateInsuranceProduct;
import io.atta.core.insurance.CreateInsurer;
import io.atta.engine.insurance.InsuranceModule;
import io.atta.engine.insurance.InsurerView;
import io.atta.engine.insurance.ProductView;
import io.atta.server.http.ApiException;
import io.atta.server.http.ServerLedger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Insurers' and products' terms as shard 0 records them, kept once read (terms never change
 * after creation), and the one way the commands every shard applies are sent: shard 0 first,
 * then every other shard, each answering for itself.
 */
final class InsuranceDirectory {
    static final int firstShard = 0;

    private final ServerLedger ledger;
    private final ConcurrentHashMap<String, CreateInsurer> insurers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CreateInsuranceProduct> products = new ConcurrentHashMap<>();

    InsuranceDirectory(ServerLedger ledger) {
        this.ledger = ledger;
    }

    ServerLedger ledger() {
        return ledger;
    }

    /** The insurer's terms, or a future failed with 404. */
    CompletableFuture<CreateInsurer> insurer(String code) {
        CreateInsurer kept = insurers.get(code);
        if (kept != null) {
            return CompletableFuture.completedFuture(kept);
        }
        return ledger.readShard(firstShard, l -> {
            InsurerView i = l.module(InsuranceModule.class).insurer(code);
            return i == null ? null : i.terms();
        }).thenApply(t -> {
            if (t == null) {
                throw ApiException.notFound("no insurer " + code);
            }
            insurers.putIfAbsent(code, t);
            return t;
        });
    }

    /** The product's terms, or null when there is none. */
    CompletableFuture<CreateInsuranceProduct> productOrNull(String code) {
        return product(code).exceptionally(e -> {
            if (isNotFound(e)) {
                return null;
            }
            throw e instanceof CompletionException c ? c : new CompletionException(e);
        });
    }

    /** True when a failed read's cause is a 404 (the record does not exist). */
    static boolean isNotFound(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof ApiException a && a.status() == 404;
    }

    /** The product's terms, or a future failed with 404. */
    CompletableFuture<CreateInsuranceProduct> product(String code) {
        CreateInsuranceProduct kept = products.get(code);
        if (kept != null) {
            return CompletableFuture.completedFuture(kept);
        }
        return ledger.readShard(firstShard, l -> {
            ProductView p = l.module(InsuranceModule.class).product(code);
            return p == null ? null : p.terms();
        }).thenApply(t -> {
            if (t == null) {
                throw ApiException.notFound("no insurance product " + code);
            }
            products.putIfAbsent(code, t);
            return t;
        });
    }

    /** Every product's terms as shard 0 has them, by code. */
    CompletableFuture<List<CreateInsuranceProduct>> products() {
        return ledger.readShard(firstShard, l -> {
            List<CreateInsuranceProduct> all = new ArrayList<>();
            InsuranceModule m = l.module(InsuranceModule.class);
            for (InsurerView i : m.insurers()) {
                for (ProductView p : m.productsOf(i.terms().code())) {
                    all.add(p.terms());
                }
            }
            all.sort(java.util.Comparator.comparing(CreateInsuranceProduct::code));
            return all;
        });
    }

    /** The command on shard 0, then, if it stood, on every other shard; each shard's result in shard order. */
    CompletableFuture<List<Result>> everywhere(Command c) {
        return submit(firstShard, c).thenCompose(first -> {
            if (first != Result.ok && first != Result.exists) {
                return CompletableFuture.completedFuture(List.of(first));
            }
            List<CompletableFuture<Result>> rest = new ArrayList<>();
            for (int s = 0; s < ledger.shardCount(); s++) {
                if (s != firstShard) {
                    rest.add(submit(s, c));
                }
            }
            return CompletableFuture.allOf(rest.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
                List<Result> all = new ArrayList<>();
                all.add(first);
                rest.forEach(f -> all.add(f.join()));
                return all;
            });
        });
    }

    CompletableFuture<Result> submit(int shard, Command c) {
        return ledger.submit(shard, new Command[] {c}).thenApply(rs -> rs[0]);
    }
}
