package io.atta.core.risk;

import io.atta.core.command.Command;

import java.util.Arrays;
import java.util.List;

/**
 * An operator's rule set, applied on every shard as a log command so that replicas agree
 * (docs/RISK.md). {@code version} must be above every version put before; the same version with
 * the same content again is a retry. An enforced set replaces the enforced one and drops a
 * shadow set; a shadow set is decided and recorded beside the enforced one, never enforced.
 *
 * @param operatorTransfers  also screen transfers made with an operator's (admin) key, each as made for its
 *                           debit account's owner: for an operator whose app server moves its users'
 *                           money with the admin key
 * @param ledger             the currency (ledger) whose movements amount rules and sums read
 * @param windowsSeconds     the velocity windows the features count over (1–4, ascending)
 * @param reviewHoldSeconds  how long money held for review waits for an operator before it is released (rejected)
 * @param actingKeyId        the operator's key
 */
public record PutRiskRules(long version, boolean shadow, boolean operatorTransfers, int ledger,
                           long[] windowsSeconds, int reviewHoldSeconds, List<RiskRule> rules, long actingKeyId)
        implements Command {
    public PutRiskRules {
        windowsSeconds = windowsSeconds.clone();
        rules = List.copyOf(rules);
    }

    /** A rule set for user-initiated movements only. */
    public PutRiskRules(long version, boolean shadow, int ledger, long[] windowsSeconds, int reviewHoldSeconds,
                        List<RiskRule> rules, long actingKeyId) {
        this(version, shadow, false, ledger, windowsSeconds, reviewHoldSeconds, rules, actingKeyId);
    }

    @Override
    public long[] windowsSeconds() {
        return windowsSeconds.clone();
    }

    /** True when {@code o} puts the same rule set (the key that put it aside). */
    public boolean sameRules(PutRiskRules o) {
        return o.version == version && o.shadow == shadow && o.operatorTransfers == operatorTransfers
                && o.ledger == ledger
                && Arrays.equals(o.windowsSeconds, windowsSeconds) && o.reviewHoldSeconds == reviewHoldSeconds
                && o.rules.equals(rules);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PutRiskRules p && sameRules(p) && p.actingKeyId == actingKeyId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version) * 31 + rules.hashCode();
    }
}
