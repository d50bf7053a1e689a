package io.atta.core.insurance;

/** Insurance's named limits and defaults, checked at the edge (docs/INSURANCE.md, "Limits"). */
public final class InsuranceLimits {
    /** Insurer and product codes: 1 to this many of {@code A-Z a-z 0-9 _ -}. */
    public static final int maxCodeLength = 32;
    public static final int maxNameLength = 64;
    /** A claim's description, characters. */
    public static final int maxDescriptionLength = 256;
    /** Account security's claim window: 72 h unless the product says otherwise. */
    public static final int defaultClaimWindowHours = 72;
    public static final int maxClaimWindowHours = 720;
    public static final int defaultTermDays = 365;
    public static final int maxTermDays = 3650;
    public static final int defaultPeriodDays = 30;
    public static final int maxPeriodDays = 366;
    /** A premium rate has at most this many decimals (parts per million). */
    public static final int rateDecimals = 6;

    private InsuranceLimits() {
    }
}
