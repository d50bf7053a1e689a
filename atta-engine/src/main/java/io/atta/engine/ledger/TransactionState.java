package io.atta.engine.ledger;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/** Where a cross-shard transaction stands on its coordinator. */
public enum TransactionState implements StableCode {
    /** Begun; the participants' votes are not all in, nothing is decided. */
    preparing(0),
    committed(1),
    aborted(2),
    /** The coordinator has no record of it: never begun, or refused before it was. */
    unknown(3);

    private static final CodeTable<TransactionState> byCode = new CodeTable<>(values());

    private final int code;

    TransactionState(int code) {
        this.code = code;
    }

    /** The stable code logs and snapshots hold: see {@link StableCode}. */
    @Override
    public int code() {
        return code;
    }

    public static TransactionState ofCode(int code) {
        return byCode.of(code);
    }
}
