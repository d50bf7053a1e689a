package io.atta.core.insurance;

import io.atta.core.command.Command;

/**
 * On the policy's shard: its holder reports a loss of {@code amount} that happened at
 * {@code lossAt} (ns). {@code claimId} is derived by the edge from the policy and the request id
 * ({@link InsuranceIds#claim}); the same request again is {@code exists}.
 *
 * @param userId the policy's holder, as the caller named it (checked against the policy)
 */
public record ReportClaim(long claimId, long policyId, long userId, long amount, long lossAt, String description)
        implements Command {
    public ReportClaim {
        description = description == null ? "" : description;
    }
}
