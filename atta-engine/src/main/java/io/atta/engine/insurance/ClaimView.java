package io.atta.engine.insurance;

/** A claim as the API shows it (times in ns; 0: not yet). */
public record ClaimView(long id, long policyId, long userId, long amount, long lossAt, long reportedAt, String status,
                        long decidedAt, long decidedByKeyId, String reason, long paidAt, long transferId,
                        String description) {
}
