package io.atta.server.users;

import io.atta.core.TransferCodes;

/**
 * Top-ups and withdrawals: money between a wallet and the bank-funding house account. The
 * transfer id is derived from (user, kind, request id), so a retried request is the same transfer
 * and the ledger answers {@code exists} instead of moving the money twice.
 */
enum MoneyMove {
    topUp("topup", TransferCodes.topUp),
    withdrawal("withdraw", TransferCodes.withdraw);

    private final String name;
    /** The transfer code, so that history tells top-ups and withdrawals apart. */
    final int code;

    MoneyMove(String name, int code) {
        this.name = name;
        this.code = code;
    }

    /**
     * SHA-256("<kind>:<user id>:<request id>") as a platform id in the user's slot, which the
     * user's shard owns whichever side the wallet is on (docs/API.md, Transfer ids).
     */
    long transferId(long userId, String requestId) {
        return io.atta.core.DerivedIds.platformId(io.atta.core.Ids.slotOf(userId),
                name + ":" + userId + ":" + requestId);
    }
}
