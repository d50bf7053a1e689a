package io.atta.core;

import java.util.Locale;

/**
 * The currencies Atta keeps ledgers for. Each currency is its own ledger, numbered by its
 * ISO 4217 numeric code; amounts are {@code long} counts of the currency's minor unit.
 */
public enum Currency implements StableCode {
    CNY(0, 156, 2),
    USD(1, 840, 2),
    EUR(2, 978, 2),
    HKD(3, 344, 2),
    JPY(4, 392, 0);

    private final int code;
    private final int ledger;
    private final int scale;

    Currency(int code, int ledger, int scale) {
        this.code = code;
        this.ledger = ledger;
        this.scale = scale;
    }

    /**
     * The currency's place in the platform's house account ids ({@code HouseAccount}): stable,
     * one byte, never reused. The API names a currency by its ISO code and ledger, never by this.
     */
    @Override
    public int code() {
        return code;
    }

    /** The ledger number used in accounts and transfers: the ISO 4217 numeric code. */
    public int ledger() {
        return ledger;
    }

    /** Digits after the decimal point in the currency's minor unit (2 for CNY: fen). */
    public int scale() {
        return scale;
    }

    /** The currency of an ISO code such as "CNY", case-insensitive, or null when unknown. */
    public static Currency ofCode(String code) {
        if (code == null) {
            return null;
        }
        for (Currency c : values()) {
            if (c.name().equals(code.toUpperCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    /** The currency of a ledger number, or null when no currency has it. */
    public static Currency ofLedger(int ledger) {
        for (Currency c : values()) {
            if (c.ledger == ledger) {
                return c;
            }
        }
        return null;
    }
}
