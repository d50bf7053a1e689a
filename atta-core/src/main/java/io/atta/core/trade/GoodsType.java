package io.atta.core.trade;

import java.util.Locale;

/**
 * What a trade sells, which sets how long after shipment the buyer's receipt is confirmed
 * automatically (docs/PRODUCTS.md, "Escrow trade").
 */
public enum GoodsType {
    /** Express delivery of physical goods: 10 days. */
    physical(10L * 24 * 3600),
    /** Surface mail: 30 days. */
    surface_mail(30L * 24 * 3600),
    /** Virtual goods: 3 days. */
    virtual(3L * 24 * 3600),
    /** Automatic delivery (codes, top-ups): 24 hours. */
    auto_delivery(24L * 3600);

    private final long autoConfirmSeconds;

    GoodsType(long autoConfirmSeconds) {
        this.autoConfirmSeconds = autoConfirmSeconds;
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
