package io.atta.client;

import io.atta.core.Currency;
import io.atta.core.command.Result;

/**
 * The answer to a P2P payment: {@code ok} the first time, {@code exists} for a repeat of the same
 * request id and content (which paid nothing more). {@code crossShard}: the two wallets live on
 * different shards, so the payment ran as a cross-shard transaction.
 */
public record P2pPayment(String requestId, long transferId, long fromUserId, long toUserId, long amount,
                         Currency currency, Result result, boolean crossShard) {
}
