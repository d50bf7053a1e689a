package io.atta.core.trade;

import java.util.Locale;

/** Where a refund request stands. */
public enum RefundStatus {
    /** Waiting for the seller; granted by itself after {@code refundAnswerSeconds}. */
    requested,
    /** The seller said no; the buyer may escalate it to a dispute. */
    rejected,
    /** Escalated: an operator decides. */
    disputed,
    /** The money went back to the buyer. */
    refunded,
    /** An operator decided the dispute for the seller. */
    denied,
    /** The buyer withdrew the request. */
    cancelled;

    /** True while the request holds the trade (pauses the confirm clock, blocks another request). */
    public boolean open() {
        return this == requested || this == disputed;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
