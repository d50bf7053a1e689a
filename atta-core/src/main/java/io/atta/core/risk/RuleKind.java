package io.atta.core.risk;

/**
 * The kinds of risk rules and what their parameters ({@link RiskRule#params()}) mean
 * (docs/RISK.md, Rules). Amounts are minor units of the rule set's currency.
 */
public enum RuleKind {
    /** {@code [limit for KYC level 0, level 1, …]} (1–4 entries; a higher level uses the last): fires when the amount is over the user's level's limit. */
    amount_limit(1),
    /**
     * {@code [window seconds, max count, max sum]} (a max of 0 is not checked): fires when the
     * movements of the window, this one included, are more than max count, or sum more than max sum.
     */
    velocity(2),
    /** {@code [min amount]}: fires when the payee account is new to the user and the amount is over min amount. */
    new_payee(3),
    /** {@code [user id …]}: fires when the movement is for one of these users. */
    block_user(4),
    /** {@code [account id …]}: fires when the movement debits or credits one of these accounts. */
    block_account(5),
    /** {@code [device hash …]}: fires when the movement comes from one of these devices. */
    block_device(6),
    /** {@code [high, low, prefix bits, …]} triples of IPv6 (IPv4-mapped) prefixes: fires when the client address is in one. */
    block_ip(7),
    /** {@code [min amount]}: fires when the device is new to a user who has paid from other devices, and the amount is over min amount. */
    device_change(8),
    /** {@code [min amount, prefix bits]}: fires when the client address's prefix is new to a user who has paid from others, and the amount is over min amount. */
    ip_change(9),
    /**
     * {@code [review at, deny at, then (feature, from, to, points) …]}: adds the points of every
     * band {@code from <= feature < to} the movement falls in; at or over {@code deny at} it denies,
     * at or over {@code review at} it asks for review (its own decision field is not used).
     */
    scorecard(10);

    private final int code;

    RuleKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RuleKind ofCode(int code) {
        for (RuleKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("no rule kind " + code);
    }

    public static RuleKind ofName(String name) {
        for (RuleKind k : values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }
}
