package io.atta.core.risk;

import java.util.Arrays;

/**
 * One rule of a rule set: its kind, the decision it gives when it fires (a scorecard gives its
 * own), the reason code it reports, and its parameters as {@link RuleKind} documents them.
 */
public record RiskRule(RuleKind kind, RiskDecision decision, String reason, long[] params) {
    public RiskRule {
        params = params.clone();
    }

    @Override
    public long[] params() {
        return params.clone();
    }

    /** The parameter at {@code i}, without a copy. */
    public long param(int i) {
        return params[i];
    }

    public int paramCount() {
        return params.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RiskRule r && r.kind == kind && r.decision == decision && r.reason.equals(reason)
                && Arrays.equals(r.params, params);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + reason.hashCode()) * 31 + Arrays.hashCode(params);
    }

    @Override
    public String toString() {
        return kind + "/" + decision + "/" + reason + Arrays.toString(params);
    }
}
