package io.atta.engine.ledger;

/** Where a transfer stands in the two-phase life: {@code none} for a transfer that is not pending. */
public enum PendingStatus {
    none, pending, posted, voided, expired;

    private static final PendingStatus[] byOrdinal = values();

    public static PendingStatus ofOrdinal(int ordinal) {
        return byOrdinal[ordinal];
    }
}
