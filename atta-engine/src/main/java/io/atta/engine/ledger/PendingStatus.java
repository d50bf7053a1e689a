package io.atta.engine.ledger;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/** Where a transfer stands in the two-phase life: {@code none} for a transfer that is not pending. */
public enum PendingStatus implements StableCode {
    none(0), pending(1), posted(2), voided(3), expired(4);

    private static final CodeTable<PendingStatus> byCode = new CodeTable<>(values());

    private final int code;

    PendingStatus(int code) {
        this.code = code;
    }

    /** The stable code logs and snapshots hold: see {@link StableCode}. */
    @Override
    public int code() {
        return code;
    }

    public static PendingStatus ofCode(int code) {
        return byCode.of(code);
    }
}
