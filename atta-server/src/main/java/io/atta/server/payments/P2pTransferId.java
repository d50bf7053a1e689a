package io.atta.server.payments;

import io.atta.core.TransferCodes;

/**
 * The transfer id of a P2P payment, derived from (payer, request id) as top-ups derive theirs:
 * a retried request is the same transfer, so the ledger answers {@code exists} instead of paying
 * twice, and the payment can be found again from the request id alone.
 */
final class P2pTransferId {
    /** The transfer code of P2P payments. */
    static final int transferCode = TransferCodes.p2pPayment;

    private P2pTransferId() {
    }

    /**
     * SHA-256("p2p:<from user id>:<request id>") as a platform id in the payer's slot: the payer's
     * wallet is the debit account, so its shard owns the slot (docs/API.md, Transfer ids).
     */
    static long of(long fromUserId, String requestId) {
        return io.atta.core.DerivedIds.platformId(io.atta.core.Ids.slotOf(fromUserId),
                "p2p:" + fromUserId + ":" + requestId);
    }
}
