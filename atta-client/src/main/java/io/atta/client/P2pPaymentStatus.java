package io.atta.client;

import io.atta.core.Currency;
import io.atta.core.command.Result;

import java.time.Instant;

/**
 * A P2P payment as {@code GET /v1/payments/p2p/{request_id}} shows it.
 *
 * @param toUserId the payee, or 0 when the server does not know it (an aborted cross-shard
 *                 payment whose record the payer's shard lacks; {@code amount} is then 0 and
 *                 {@code currency} null too)
 * @param reason   why a {@link State#failed} payment failed, else null
 */
public record P2pPaymentStatus(String requestId, long transferId, long fromUserId, long toUserId, long amount,
                               Currency currency, State state, Result reason, Instant createdAt) {
    /** Where the payment stands. */
    public enum State {
        /** The money has moved. */
        completed,
        /** A cross-shard payment whose transaction is not decided yet; ask again. */
        in_progress,
        /** Refused; nothing moved. */
        failed
    }
}
