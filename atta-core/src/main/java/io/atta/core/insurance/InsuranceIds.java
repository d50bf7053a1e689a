package io.atta.core.insurance;

import io.atta.core.DerivedIds;
import io.atta.core.Ids;

/**
 * The ids the edge derives for policies and claims, so that a retry of a request names the same
 * one: in the user's slot (so the id alone finds its shard), from the request's own key.
 */
public final class InsuranceIds {
    private InsuranceIds() {
    }

    /** The policy a user's request buys: in the user's slot. */
    public static long policy(long userId, String requestId) {
        return Ids.compose(Ids.slotOf(userId), local("policy:" + userId + ":" + requestId));
    }

    /** The return-shipping policy of a trade: in its buyer's slot. */
    public static long tradePolicy(long buyerUserId, long tradeNo) {
        return Ids.compose(Ids.slotOf(buyerUserId), local("trade-policy:" + tradeNo));
    }

    /** A claim on a policy: in the policy's slot. */
    public static long claim(long policyId, String requestId) {
        return Ids.compose(Ids.slotOf(policyId), local("claim:" + policyId + ":" + requestId));
    }

    private static long local(String key) {
        return (DerivedIds.of(key) & Ids.localMask) | 1;
    }
}
