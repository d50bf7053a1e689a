package io.atta.core;

/**
 * Where the money of a payment comes from (the API's {@code funding_source}). The wallet balance
 * is the ledger's own; every other source is a product module that puts the amount into the
 * payer's wallet in the same command as the payment (docs/API.md, Funding sources), and the
 * payment fails, changing nothing, when the module is absent or refuses.
 *
 * <p>Codes 1–15 are never used: before funding sources existed the engine answered
 * {@code funding_source_unsupported} to every code but the wallet's, and recorded logs must
 * replay as they were answered, so a code once refused keeps being refused.
 */
public enum Funding implements StableCode {
    /** The payer's wallet balance. */
    wallet(0),
    /** Units of a money-market fund the payer holds, redeemed fast (docs/FUND.md). */
    fund(16),
    /** The payer's credit line (credit pay). */
    credit_pay(17);

    private static final CodeTable<Funding> byCode = new CodeTable<>(values());

    private final int code;

    Funding(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static Funding ofCode(int code) {
        return byCode.of(code);
    }

    public static boolean hasCode(int code) {
        return byCode.has(code);
    }

    /** The source of an API name, or null when there is none. */
    public static Funding ofName(String name) {
        for (Funding f : values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The API's names, for an error message: {@code "wallet", "fund", "credit_pay"}. */
    public static String names() {
        StringBuilder s = new StringBuilder();
        for (Funding f : values()) {
            s.append(s.isEmpty() ? "" : ", ").append('"').append(f.name()).append('"');
        }
        return s.toString();
    }
}
