package io.atta.engine.insurance;

import java.util.HashMap;
import java.util.TreeMap;

/**
 * Insurance's state on one shard, in key order (so the snapshot and the digest are the same on
 * every replica): insurers and products (on every shard), this shard's policies and claims, and
 * the trade covers asked for and not yet paid.
 */
final class InsuranceBook {
    final TreeMap<String, Insurer> insurers = new TreeMap<>();
    final TreeMap<String, Product> products = new TreeMap<>();
    final TreeMap<Long, Policy> policies = new TreeMap<>();
    final TreeMap<Long, Claim> claims = new TreeMap<>();
    final TreeMap<Long, Cover> covers = new TreeMap<>();
    /** Derived from {@link #policies}: a user's policy ids (not in the snapshot). */
    final HashMap<Long, java.util.TreeSet<Long>> byUser = new HashMap<>();

    /** A trade to be paid with a product: asked for at {@code requestedAt}, used by the payment. */
    record Cover(long tradeNo, long buyerUserId, String productCode, long requestedAt) {
    }

    void addPolicy(Policy p) {
        policies.put(p.id, p);
        byUser.computeIfAbsent(p.userId, u -> new java.util.TreeSet<>()).add(p.id);
    }

    void removePolicy(Policy p) {
        policies.remove(p.id);
        var ids = byUser.get(p.userId);
        ids.remove(p.id);
        if (ids.isEmpty()) {
            byUser.remove(p.userId);
        }
    }

    void clear() {
        insurers.clear();
        products.clear();
        policies.clear();
        claims.clear();
        covers.clear();
        byUser.clear();
    }
}
