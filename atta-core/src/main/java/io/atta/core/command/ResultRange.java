package io.atta.core.command;

/**
 * The blocks of {@link Result} codes, one per domain (docs/RESULTS.md). A product defines its
 * results in its own package, inside its block, with {@link #define}; the block keeps products
 * from taking each other's codes without any of them editing {@link Result}.
 *
 * <p>A block names the class that holds its results ({@code holder}), so a node that decodes a
 * code of the block before anything else touched the product (a reply from another node, a
 * snapshot read at startup) can load that class and find the value: see {@link Result#ofCode}.
 * A product fills in its holder in the commit that defines its first result.
 */
public enum ResultRange {
    core("core", 0, 199, null),
    fund("wealth fund", 1000, 1099, "io.atta.core.wealth.FundResults"),
    credit("credit pay", 1100, 1199, "io.atta.core.credit.CreditResults"),
    loans("loans", 1200, 1299, "io.atta.core.lending.LoanResults"),
    risk("risk", 1300, 1399, "io.atta.core.risk.RiskResults"),
    insurance("insurance", 1400, 1499, "io.atta.core.insurance.InsuranceResults"),
    audit("audit", 1500, 1599, null),
    tenants("tenants", 1600, 1699, null),
    /** Modules of the test tree; their results are defined when the module's class is initialised. */
    test("test modules", 9000, 9999, null);

    private final String title;
    private final int first;
    private final int last;
    private final String holder;

    ResultRange(String title, int first, int last, String holder) {
        this.title = title;
        this.first = first;
        this.last = last;
        this.holder = holder;
    }

    /** Defines a result of this block: see {@link Result#define}. */
    public Result define(int code, String apiName) {
        return Result.define(this, code, apiName);
    }

    public String title() {
        return title;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    public boolean contains(int code) {
        return code >= first && code <= last;
    }

    /** The block that holds {@code code}, or null. */
    static ResultRange of(int code) {
        for (ResultRange r : values()) {
            if (r.contains(code)) {
                return r;
            }
        }
        return null;
    }

    /** Initialises the holder class of the block, which defines its results; a block without one does nothing. */
    void loadHolder() {
        if (holder == null) {
            return;
        }
        try {
            Class.forName(holder, true, ResultRange.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the " + title + " results' holder " + holder + " is missing", e);
        }
    }
}
