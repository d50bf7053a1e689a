package io.atta.core.insurance;

import io.atta.core.command.Command;

/**
 * On the user's shard: the user buys a policy of the product (account security) or joins it
 * (mutual aid), paying its premium from the wallet. {@code policyId} is derived by the edge from
 * the user and the request id ({@link InsuranceIds#policy}); the same request again is
 * {@code exists}.
 */
public record BuyPolicy(long policyId, long userId, String productCode) implements Command {
    public BuyPolicy {
        productCode = productCode == null ? "" : productCode;
    }
}
