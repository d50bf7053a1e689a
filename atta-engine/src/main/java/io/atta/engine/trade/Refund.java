package io.atta.engine.trade;

import io.atta.core.trade.RefundStatus;

/** A refund request, as {@link Trade} holds it (see {@link RefundView}). */
final class Refund {
    final long refundId;
    final long amount;
    final String reason;
    final String outRequestNo;
    RefundStatus status = RefundStatus.requested;
    final long requestedAt;
    final long answerBy;
    String sellerReason = "";
    long resolvedAt;
    boolean byTimeout;

    Refund(long refundId, String outRequestNo, long amount, String reason, long requestedAt, long answerBy) {
        this.refundId = refundId;
        this.outRequestNo = outRequestNo;
        this.amount = amount;
        this.reason = reason;
        this.requestedAt = requestedAt;
        this.answerBy = answerBy;
    }

    RefundView view() {
        return new RefundView(refundId, outRequestNo, amount, reason, status, requestedAt, answerBy, sellerReason, resolvedAt,
                byTimeout);
    }
}
