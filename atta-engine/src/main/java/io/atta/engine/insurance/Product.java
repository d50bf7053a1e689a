package io.atta.engine.insurance;

import io.atta.core.insurance.CreateInsuranceProduct;
import io.atta.core.insurance.InsuranceKind;

import java.util.ArrayList;

/**
 * An insurance product on this shard: its terms, what it has taken and paid here (the
 * insurer's statement), and for mutual aid its members here in joining order and the approved
 * claims waiting for the end of the period.
 */
final class Product {
    final CreateInsuranceProduct terms;
    final InsuranceKind kind;
    final long createdAt;

    long policies;
    long premiums;
    long premiumTotal;
    long claimsPaid;
    long claimsPaidTotal;
    long claimsRejected;
    /** Mutual aid: shares collected from members' wallets, and shares the insurer bore for lapsed members. */
    long sharesTotal;
    long borneTotal;
    /** Mutual aid: periods whose sharing is done. */
    long closedPeriods;
    /** Mutual aid: policy ids of the members here, in joining order (lapsed ones stay, skipped). */
    final ArrayList<Long> members = new ArrayList<>();
    /** Mutual aid: claims approved and not yet shared, in approval order. */
    final ArrayList<Long> waiting = new ArrayList<>();

    Product(CreateInsuranceProduct terms, long createdAt) {
        this.terms = terms;
        this.kind = InsuranceKind.ofCode(terms.kind());
        this.createdAt = createdAt;
    }

    /** When period {@code n} (from 0) ends, ns; only for mutual aid. */
    long periodEnd(long n) {
        return Math.addExact(terms.startsAt(), Math.multiplyExact(n + 1, terms.periodSeconds() * 1_000_000_000L));
    }
}
