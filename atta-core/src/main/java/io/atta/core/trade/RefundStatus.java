package io.atta.core.trade;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

import java.util.Locale;

/** Where a refund request stands. */
public enum RefundStatus implements StableCode {
    /** Waiting for the seller; granted by itself after {@code refundAnswerSeconds}. */
    requested(0),
    /** The seller said no; the buyer may escalate it to a dispute. */
    rejected(1),
    /** Escalated: an operator decides. */
    disputed(2),
    /** The money went back to the buyer. */
    refunded(3),
    /** An operator decided the dispute for the seller. */
    denied(4),
    /** The buyer withdrew the request. */
    cancelled(5);

    private static final CodeTable<RefundStatus> byCode = new CodeTable<>(values());

    private final int code;

    RefundStatus(int code) {
        this.code = code;
    }

    /** The stable code logs and snapshots hold: see {@link StableCode}. */
    @Override
    public int code() {
        return code;
    }

    public static RefundStatus ofCode(int code) {
        return byCode.of(code);
    }

    /** True while the request holds the trade (pauses the confirm clock, blocks another request). */
    public boolean open() {
        return this == requested || this == disputed;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
