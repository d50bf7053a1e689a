package io.atta.core.risk;

import java.nio.charset.StandardCharsets;

/**
 * What is wrong with a rule set, if anything: the edge answers it as a 400 naming the field and
 * the limit, and the risk module refuses a set it would find wrong ({@code rule_set_invalid}).
 */
public final class RuleSetCheck {
    /** One problem: the JSON path of the field at fault and what is wrong with it. */
    public record Problem(String field, String message) {
    }

    private RuleSetCheck() {
    }

    /** The first problem of the rule set, or null when it is sound. */
    public static Problem check(PutRiskRules p) {
        if (p.version() <= 0) {
            return new Problem("version", "version must be positive");
        }
        long[] w = p.windowsSeconds();
        if (w.length < 1 || w.length > RiskLimits.maxWindows) {
            return new Problem("windows_seconds", "1 to maxWindows (" + RiskLimits.maxWindows + ") windows");
        }
        for (int i = 0; i < w.length; i++) {
            if (w[i] < RiskLimits.minWindowSeconds || w[i] > RiskLimits.maxWindowSeconds
                    || w[i] % RiskLimits.bucketsPerWindow != 0 || i > 0 && w[i] <= w[i - 1]) {
                return new Problem("windows_seconds[" + i + "]", "windows ascend, each a multiple of "
                        + RiskLimits.bucketsPerWindow + " seconds from " + RiskLimits.minWindowSeconds + " to "
                        + RiskLimits.maxWindowSeconds);
            }
        }
        if (p.reviewHoldSeconds() < 1 || p.reviewHoldSeconds() > RiskLimits.maxReviewHoldSeconds) {
            return new Problem("review_hold_seconds", "1 to maxReviewHoldSeconds (" + RiskLimits.maxReviewHoldSeconds
                    + ")");
        }
        if (p.rules().size() > RiskLimits.maxRules) {
            return new Problem("rules", "at most maxRules (" + RiskLimits.maxRules + ") rules");
        }
        for (int i = 0; i < p.rules().size(); i++) {
            String at = "rules[" + i + "]";
            RiskRule r = p.rules().get(i);
            if (r.reason().isEmpty() || r.reason().getBytes(StandardCharsets.UTF_8).length > RiskLimits.maxReasonBytes
                    || !r.reason().matches("[a-z0-9_]+")) {
                return new Problem(at + ".reason", "a reason code of a-z, 0-9 and _, 1 to maxReasonBytes ("
                        + RiskLimits.maxReasonBytes + ")");
            }
            if (r.paramCount() > RiskLimits.maxParams) {
                return new Problem(at, "at most maxParams (" + RiskLimits.maxParams + ") entries");
            }
            if (r.kind() != RuleKind.scorecard && r.decision() == RiskDecision.allow) {
                return new Problem(at + ".decision", "a rule that fires reviews or denies");
            }
            Problem q = params(r, w, at);
            if (q != null) {
                return q;
            }
        }
        return null;
    }

    private static Problem params(RiskRule r, long[] windows, String at) {
        int n = r.paramCount();
        switch (r.kind()) {
            case amount_limit -> {
                if (n < 1 || n > RiskLimits.maxKycLevel + 1) {
                    return new Problem(at + ".limits", "1 to " + (RiskLimits.maxKycLevel + 1) + " limits, by KYC level");
                }
                return nonNegative(r, 0, n, at + ".limits");
            }
            case velocity -> {
                if (n != 3) {
                    return new Problem(at, "a window, a max count and a max sum");
                }
                boolean known = false;
                for (long w : windows) {
                    known |= w == r.param(0);
                }
                if (!known) {
                    return new Problem(at + ".window_seconds", "one of the rule set's windows_seconds");
                }
                if (r.param(1) == 0 && r.param(2) == 0) {
                    return new Problem(at, "max_count or max_sum");
                }
                return nonNegative(r, 1, 3, at);
            }
            case new_payee, device_change -> {
                return n == 1 ? nonNegative(r, 0, 1, at + ".min_amount") : new Problem(at, "one min_amount");
            }
            case ip_change -> {
                if (n != 2 || r.param(1) < 1 || r.param(1) > 128) {
                    return new Problem(at + ".prefix_bits", "a min_amount and prefix bits from 1 to 128");
                }
                return nonNegative(r, 0, 1, at + ".min_amount");
            }
            case block_user, block_account, block_device -> {
                return n == 0 ? new Problem(at + ".ids", "at least one id") : null;
            }
            case block_ip -> {
                if (n == 0 || n % 3 != 0) {
                    return new Problem(at + ".prefixes", "at least one address prefix");
                }
                for (int k = 2; k < n; k += 3) {
                    if (r.param(k) < 1 || r.param(k) > 128) {
                        return new Problem(at + ".prefixes", "prefix bits from 1 to 128");
                    }
                }
                return null;
            }
            case scorecard -> {
                if (n < 2 || (n - 2) % 4 != 0 || (n - 2) / 4 > RiskLimits.maxScoreBands) {
                    return new Problem(at + ".bands", "review_at, deny_at and 1 to maxScoreBands ("
                            + RiskLimits.maxScoreBands + ") bands");
                }
                if (r.param(0) > r.param(1)) {
                    return new Problem(at + ".review_at", "review_at at most deny_at");
                }
                for (int k = 2; k < n; k += 4) {
                    if (ScoreFeature.ofCode((int) r.param(k)) == null || r.param(k + 1) >= r.param(k + 2)) {
                        return new Problem(at + ".bands[" + (k - 2) / 4 + "]", "a known feature and from < to");
                    }
                    if (Math.abs(r.param(k + 3)) > 1_000_000) {
                        return new Problem(at + ".bands[" + (k - 2) / 4 + "].points", "points from -1000000 to 1000000");
                    }
                }
                return null;
            }
            default -> throw new IllegalStateException("unhandled rule kind " + r.kind());
        }
    }

    private static Problem nonNegative(RiskRule r, int from, int to, String field) {
        for (int k = from; k < to; k++) {
            if (r.param(k) < 0) {
                return new Problem(field, "amounts and counts are not negative");
            }
        }
        return null;
    }
}
