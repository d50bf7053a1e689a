package io.atta.engine.ledger;

/** Where a cross-shard transaction stands on its coordinator. */
public enum TransactionState {
    /** Begun; the participants' votes are not all in, nothing is decided. */
    preparing,
    committed,
    aborted,
    /** The coordinator has no record of it: never begun, or refused before it was. */
    unknown
}
