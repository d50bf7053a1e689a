package io.atta.engine.trade;

import io.atta.core.trade.RefundStatus;

/**
 * A refund request of a trade as it stands.
 *
 * @param outRequestNo the caller's id of the request, from which {@code refundId} is derived
 * @param answerBy     when an unanswered request is granted by itself (ns)
 * @param sellerReason why the seller rejected it, or empty
 * @param resolvedAt   when it ended (refunded, denied, cancelled), or 0
 * @param byTimeout    true when it was granted because the seller did not answer in time
 */
public record RefundView(long refundId, String outRequestNo, long amount, String reason, RefundStatus status, long requestedAt,
                         long answerBy, String sellerReason, long resolvedAt, boolean byTimeout) {
}
