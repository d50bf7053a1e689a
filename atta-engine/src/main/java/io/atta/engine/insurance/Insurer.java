package io.atta.engine.insurance;

import io.atta.core.DerivedIds;
import io.atta.core.insurance.CreateInsurer;

/**
 * An insurer on this shard: its terms and its two platform accounts here, in the shard's home
 * slot: {@code premium} (credited by every premium paid on this shard) and {@code claims}
 * (debited by every claim paid, credited by mutual-aid shares). Settlement sweeps the first to
 * the insurer's wallet and collects the second from it (docs/INSURANCE.md, "Money").
 */
final class Insurer {
    final CreateInsurer terms;
    final long premiumAccount;
    final long claimsAccount;
    final long createdAt;

    Insurer(CreateInsurer terms, int homeSlot, long createdAt) {
        this.terms = terms;
        this.premiumAccount = accountId(terms.code(), "premium", homeSlot);
        this.claimsAccount = accountId(terms.code(), "claims", homeSlot);
        this.createdAt = createdAt;
    }

    static long accountId(String code, String kind, int homeSlot) {
        return DerivedIds.platformId(homeSlot, "insurer-account:" + code + ":" + kind);
    }
}
