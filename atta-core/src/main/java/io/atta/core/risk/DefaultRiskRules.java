package io.atta.core.risk;

import static io.atta.core.risk.RiskDecision.deny;
import static io.atta.core.risk.RiskDecision.review;

import io.atta.core.Currency;

import java.util.List;

/**
 * A starting rule set of twelve rules for CNY wallets (docs/RISK.md, The default rule set): what
 * the fraud scenario test measures, the JMH benchmark decides with and {@code atta bench --risk}
 * installs. Operators tune their own; amounts are fen.
 */
public final class DefaultRiskRules {
    public static final long[] windowsSeconds = {60, 3600, 86_400};
    public static final int reviewHoldSeconds = 24 * 3600;
    private static final long yuan = 100;

    private DefaultRiskRules() {
    }

    public static PutRiskRules of(long version, boolean shadow) {
        return new PutRiskRules(version, shadow, Currency.CNY.ledger(), windowsSeconds, reviewHoldSeconds, rules(), 0);
    }

    /** The default rules, screening operators' transfers too (atta bench --risk: every transfer is screened). */
    public static PutRiskRules withOperatorTransfers(long version, boolean shadow) {
        return new PutRiskRules(version, shadow, true, Currency.CNY.ledger(), windowsSeconds, reviewHoldSeconds,
                rules(), 0);
    }

    public static List<RiskRule> rules() {
        return List.of(
                rule(RuleKind.amount_limit, deny, "over_kyc_limit",
                        2_000 * yuan, 20_000 * yuan, 200_000 * yuan, 1_000_000 * yuan),
                rule(RuleKind.velocity, deny, "burst_per_minute", 60, 12, 0),
                rule(RuleKind.velocity, review, "card_testing", 60, 6, 0),
                rule(RuleKind.velocity, review, "many_per_hour", 3600, 40, 0),
                rule(RuleKind.velocity, review, "daily_sum", 86_400, 0, 50_000 * yuan),
                rule(RuleKind.new_payee, review, "new_payee_large", 5_000 * yuan),
                rule(RuleKind.device_change, review, "new_device_large", 1_000 * yuan),
                rule(RuleKind.ip_change, review, "new_network_large", 2_000 * yuan, 96 + 24),
                rule(RuleKind.block_user, deny, "blocked_user", 1),
                rule(RuleKind.block_device, deny, "blocked_device", 1),
                rule(RuleKind.block_ip, deny, "blocked_network", 0, 0xFFFF_C000_0200L, 96 + 24),
                rule(RuleKind.scorecard, review, "score", 60, 100,
                        ScoreFeature.new_payee.code(), 1, 2, 25,
                        ScoreFeature.new_device.code(), 1, 2, 25,
                        ScoreFeature.new_ip.code(), 1, 2, 15,
                        ScoreFeature.amount.code(), 1_000 * yuan, 10_000 * yuan, 15,
                        ScoreFeature.amount.code(), 10_000 * yuan, Long.MAX_VALUE, 25,
                        ScoreFeature.count_short.code(), 4, Long.MAX_VALUE, 20,
                        ScoreFeature.account_age_hours.code(), 0, 24, 20,
                        ScoreFeature.recent_denials.code(), 1, Long.MAX_VALUE, 20,
                        ScoreFeature.new_payees_recent.code(), 3, Long.MAX_VALUE, 25,
                        ScoreFeature.kyc_level.code(), 0, 1, 5));
    }

    private static RiskRule rule(RuleKind kind, RiskDecision decision, String reason, long... params) {
        return new RiskRule(kind, decision, reason, params);
    }
}
