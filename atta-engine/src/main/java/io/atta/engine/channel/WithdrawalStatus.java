package io.atta.engine.channel;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/** Where a withdrawal stands. The API shows the names. */
public enum WithdrawalStatus implements StableCode {
    /** Held: the money is reserved in the wallet until the channel answers or the timeout passes. */
    pending(0),
    /** The channel paid it out: the pending transfer was posted. */
    confirmed(1),
    /** The channel could not: the pending transfer was voided, the money is back. */
    failed(2),
    /** Nobody answered before the timeout: voided, the money is back. */
    expired(3);

    private static final CodeTable<WithdrawalStatus> byCode = new CodeTable<>(values());

    private final int code;

    WithdrawalStatus(int code) {
        this.code = code;
    }

    /** The stable code logs and snapshots hold: see {@link StableCode}. */
    @Override
    public int code() {
        return code;
    }

    public static WithdrawalStatus ofCode(int code) {
        return byCode.of(code);
    }

    /** True when {@code code} names a status. */
    public static boolean hasCode(int code) {
        return byCode.has(code);
    }
}
