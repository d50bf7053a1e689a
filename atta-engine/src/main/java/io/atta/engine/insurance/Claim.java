package io.atta.engine.insurance;

/** A claim on its policy's shard, from report to payment or rejection. */
final class Claim {
    static final int reported = 0;
    /** Approved mutual-aid claim, paid at the end of its period. */
    static final int approved = 1;
    static final int paid = 2;
    static final int rejected = 3;
    /** Approved, but the claimant's wallet could not be credited (closed): the money stays with the insurer. */
    static final int unpaid = 4;

    final long id;
    final long policyId;
    final long amount;
    final long lossAt;
    final long reportedAt;
    final String description;
    int status;
    long decidedAt;
    long decidedBy;
    String reason = "";
    long paidAt;
    long transferId;

    Claim(long id, long policyId, long amount, long lossAt, long reportedAt, String description) {
        this.id = id;
        this.policyId = policyId;
        this.amount = amount;
        this.lossAt = lossAt;
        this.reportedAt = reportedAt;
        this.description = description;
    }

    static String statusName(int status) {
        return switch (status) {
            case reported -> "reported";
            case approved -> "approved";
            case paid -> "paid";
            case rejected -> "rejected";
            case unpaid -> "unpaid";
            default -> throw new IllegalStateException("claim status " + status);
        };
    }
}
