package io.atta.core.insurance;

/**
 * A product's premium (docs/INSURANCE.md, "Premiums"): the fixed amount, or the rate in parts
 * per million of the trade's amount rounded half up to the fen, then held between the minimum
 * and the maximum.
 */
public final class PremiumRule {
    /** The highest rate a product may have: the whole amount. */
    public static final int maxRatePpm = 1_000_000;

    private PremiumRule() {
    }

    /** The premium of {@code p} on a trade of {@code amount} (policies bought without a trade: 0). */
    public static long premium(CreateInsuranceProduct p, long amount) {
        if (p.premiumRatePpm() == 0) {
            return p.premiumFixed();
        }
        long whole = amount / 1_000_000L * p.premiumRatePpm();
        long part = (amount % 1_000_000L * p.premiumRatePpm() + 500_000L) / 1_000_000L;
        long byRate = Math.addExact(whole, part);
        return Math.min(p.premiumMax(), Math.max(p.premiumMin(), byRate));
    }
}
