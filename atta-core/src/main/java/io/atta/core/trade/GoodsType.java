package io.atta.core.trade;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

import java.util.Locale;

/**
 * What a trade sells, which sets how long after shipment the buyer's receipt is confirmed
 * automatically (docs/PRODUCTS.md, "Escrow trade").
 */
public enum GoodsType implements StableCode {
    /** Express delivery of physical goods: 10 days. */
    physical(0, 10L * 24 * 3600),
    /** Surface mail: 30 days. */
    surface_mail(1, 30L * 24 * 3600),
    /** Virtual goods: 3 days. */
    virtual(2, 3L * 24 * 3600),
    /** Automatic delivery (codes, top-ups): 24 hours. */
    auto_delivery(3, 24L * 3600);

    private static final CodeTable<GoodsType> byCode = new CodeTable<>(values());

    private final int code;
    private final long autoConfirmSeconds;

    GoodsType(int code, long autoConfirmSeconds) {
        this.code = code;
        this.autoConfirmSeconds = autoConfirmSeconds;
    }

    /** The stable code logs and snapshots hold: see {@link StableCode}. */
    @Override
    public int code() {
        return code;
    }

    public static GoodsType ofCode(int code) {
        return byCode.of(code);
    }

    /** How long after shipment the trade is confirmed if the buyer does nothing. */
    public long autoConfirmSeconds() {
        return autoConfirmSeconds;
    }

    public String apiName() {
        return name();
    }

    /** The type with this API name, or null. */
    public static GoodsType ofApiName(String name) {
        for (GoodsType g : values()) {
            if (g.name().equals(name.toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        return null;
    }
}
