package io.atta.core.risk;

/** The features a scorecard's bands read (docs/RISK.md, Scorecard), by stable code. */
public enum ScoreFeature {
    /** The movement's amount, minor units. */
    amount(1),
    /** The user's movements in the rule set's shortest window, this one included. */
    count_short(2),
    /** The user's movements in the rule set's longest window, this one included. */
    count_long(3),
    /** 1 when the payee account is new to the user, else 0. */
    new_payee(4),
    /** 1 when the device is new to a user who has paid from other devices, else 0. */
    new_device(5),
    /** 1 when the client address's /24 (IPv4) or /48 (IPv6) is new to a user who has paid from others, else 0. */
    new_ip(6),
    /** Hours since the user was created. */
    account_age_hours(7),
    /** The user's movements denied in the last 24 hours. */
    recent_denials(8),
    /** The user's KYC level. */
    kyc_level(9),
    /** Payees the user paid for the first time today and yesterday (UTC days), this one included when new. */
    new_payees_recent(10);

    private final int code;

    ScoreFeature(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ScoreFeature ofCode(int code) {
        for (ScoreFeature f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }

    public static ScoreFeature ofName(String name) {
        for (ScoreFeature f : values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
