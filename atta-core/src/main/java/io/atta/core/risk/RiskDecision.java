package io.atta.core.risk;

/** What risk control decides of a movement; a stronger decision (a higher code) wins over a weaker one. */
public enum RiskDecision {
    allow, review, deny;

    private static final RiskDecision[] byCode = values();

    public int code() {
        return ordinal();
    }

    public static RiskDecision ofCode(int code) {
        if (code < 0 || code >= byCode.length) {
            throw new IllegalArgumentException("no risk decision " + code);
        }
        return byCode[code];
    }

    /** The stronger of the two. */
    public RiskDecision max(RiskDecision other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
