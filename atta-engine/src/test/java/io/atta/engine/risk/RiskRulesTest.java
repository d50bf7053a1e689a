package io.atta.engine.risk;

import static io.atta.core.risk.RiskDecision.deny;
import static io.atta.core.risk.RiskDecision.review;
import static io.atta.engine.risk.RiskShard.device;
import static io.atta.engine.risk.RiskShard.enforce;
import static io.atta.engine.risk.RiskShard.ipv4;
import static io.atta.engine.risk.RiskShard.rule;
import static io.atta.engine.risk.RiskShard.secondNs;
import static io.atta.engine.risk.RiskShard.t0;
import static io.atta.engine.risk.RiskShard.user;
import static io.atta.engine.risk.RiskShard.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.risk.RiskDecision;
import io.atta.core.risk.RiskResults;
import io.atta.core.risk.RuleKind;
import io.atta.core.risk.ScoreFeature;
import io.atta.core.risk.SetKycLevel;

import org.junit.jupiter.api.Test;

/**
 * Each rule kind at its threshold (±1 fen) and at its window's edges (the shard's clock is the
 * batch's timestamp), and the strongest decision winning: what a payer sees, and the balances.
 */
class RiskRulesTest {
    private static final long later = t0 + 2 * 86_400 * secondNs;
    private static final Result ok = Result.ok;
    private static final Result denied = RiskResults.risk_denied;

    private static RiskShard shard(int users, io.atta.core.risk.PutRiskRules rules) {
        RiskShard s = new RiskShard();
        s.users(t0, users, 1_000_000);
        assertThat(s.one(t0 + secondNs, rules)).isEqualTo(ok);
        return s;
    }

    @Test
    void anAmountOverTheLimitOfTheUsersKycLevelIsDeniedAndMovesNothing() {
        RiskShard s = shard(2, enforce(1, rule(RuleKind.amount_limit, deny, "over_kyc_limit", 1000, 5000)));

        assertThat(s.pays(later, 0, 1, 1000)).isEqualTo(ok);
        long id = s.nextId();
        assertThat(s.one(later + 1, s.pay(id, 0, 1, 1001))).isEqualTo(denied);
        assertThat(s.balance(0)).isEqualTo(1_000_000 - 1000);
        assertThat(s.risk().decision(id).reasons()).isEqualTo("over_kyc_limit");
        assertThat(s.risk().decision(id).decision()).isEqualTo(deny);

        assertThat(s.one(later + 2, new SetKycLevel(user(0), 1, 0))).isEqualTo(ok);
        assertThat(s.pays(later + 3, 0, 1, 5000)).isEqualTo(ok);
        assertThat(s.pays(later + 4, 0, 1, 5001)).isEqualTo(denied);
        assertThat(s.one(later + 5, new SetKycLevel(user(0), 4, 0))).isEqualTo(RiskResults.kyc_level_invalid);
        assertThat(s.balance(0)).isEqualTo(1_000_000 - 6000);
        assertThat(s.balance(1)).isEqualTo(1_000_000 + 6000);
    }

    @Test
    void aVelocityCountHoldsForTheWholeWindowAndNotABucketLonger() {
        RiskShard s = shard(2, enforce(1, rule(RuleKind.velocity, deny, "too_many_per_minute", 60, 2, 0)));

        assertThat(s.pays(later, 0, 1, 1)).isEqualTo(ok);
        assertThat(s.pays(later + secondNs, 0, 1, 1)).isEqualTo(ok);
        assertThat(s.pays(later + 2 * secondNs, 0, 1, 1)).as("a third in the minute").isEqualTo(denied);
        assertThat(s.pays(later + 60 * secondNs - 1, 0, 1, 1)).as("1 ns before the window ends").isEqualTo(denied);
        assertThat(s.pays(later + 60 * secondNs, 0, 1, 1)).as("the window has passed").isEqualTo(ok);
        assertThat(s.pays(later + 60 * secondNs + 1, 0, 1, 1)).isEqualTo(ok);
        assertThat(s.pays(later + 60 * secondNs + 2, 0, 1, 1)).isEqualTo(denied);
        assertThat(s.pays(later + 60 * secondNs + 3, 1, 0, 1)).as("counted per user").isEqualTo(ok);
        assertThat(s.balance(0)).isEqualTo(1_000_000 - 4 + 1);
    }

    @Test
    void aVelocitySumIsCheckedToTheFen() {
        RiskShard s = shard(2, enforce(1, rule(RuleKind.velocity, deny, "hourly_sum", 3600, 0, 10_000)));

        assertThat(s.pays(later, 0, 1, 6000)).isEqualTo(ok);
        assertThat(s.pays(later + 1, 0, 1, 4001)).isEqualTo(denied);
        assertThat(s.pays(later + 2, 0, 1, 4000)).as("exactly the max sum").isEqualTo(ok);
        assertThat(s.pays(later + 3, 0, 1, 1)).isEqualTo(denied);
        assertThat(s.pays(later + 3600 * secondNs, 0, 1, 10_000)).as("a new hour").isEqualTo(ok);
        assertThat(s.balance(1)).isEqualTo(1_000_000 + 20_000);
    }

    @Test
    void aNewPayeeAboveTheAmountIsDeniedAKnownOneIsNot() {
        RiskShard s = shard(3, enforce(1, rule(RuleKind.new_payee, deny, "new_payee_large", 5000)));

        assertThat(s.pays(later, 0, 1, 5000)).as("not above the amount").isEqualTo(ok);
        assertThat(s.pays(later + 1, 0, 2, 5001)).isEqualTo(denied);
        assertThat(s.pays(later + 2, 0, 1, 5001)).as("a payee paid before").isEqualTo(ok);
        assertThat(s.pays(later + 3, 0, 2, 1)).isEqualTo(ok);
        assertThat(s.pays(later + 4, 0, 2, 900_000)).isEqualTo(ok);
    }

    @Test
    void blockListsStopTheirUserAccountDeviceAndAddressPrefix() {
        RiskShard s = shard(5, enforce(1,
                rule(RuleKind.block_user, deny, "blocked_user", user(1)),
                rule(RuleKind.block_account, deny, "blocked_account", wallet(2)),
                rule(RuleKind.block_device, deny, "blocked_device", 77),
                rule(RuleKind.block_ip, deny, "blocked_ip", 0, ipv4(10, 1, 2, 0) << 0, 96 + 24)));

        assertThat(s.pays(later, 1, 0, 1)).isEqualTo(denied);
        assertThat(s.pays(later + 1, 0, 2, 1)).as("a blocked payee account").isEqualTo(denied);
        assertThat(s.pays(later + 2, 2, 0, 1)).as("a blocked payer account").isEqualTo(denied);
        assertThat(s.pays(later + 3, 3, 0, 1, device(3, 77, ipv4(8, 8, 8, 8)))).isEqualTo(denied);
        assertThat(s.pays(later + 4, 3, 0, 1, device(3, 78, ipv4(10, 1, 2, 200)))).isEqualTo(denied);
        assertThat(s.pays(later + 5, 3, 0, 1, device(3, 78, ipv4(10, 1, 3, 200)))).as("outside the /24")
                .isEqualTo(ok);
        assertThat(s.pays(later + 6, 4, 0, 1)).isEqualTo(ok);
        assertThat(s.balance(0)).isEqualTo(1_000_000 + 2);
    }

    @Test
    void aNewDeviceOrNetworkOfAUserWhoPaidFromAnotherIsAskedForReviewAboveTheAmount() {
        RiskShard s = shard(2, enforce(1,
                rule(RuleKind.device_change, review, "new_device", 100),
                rule(RuleKind.ip_change, review, "new_network", 100, 96 + 24)));
        long home = ipv4(192, 168, 1, 10);

        assertThat(s.pays(later, 0, 1, 500, device(0, 11, home))).as("a user's first device").isEqualTo(ok);
        assertThat(s.pays(later + 1, 0, 1, 500, device(0, 11, ipv4(192, 168, 1, 99)))).as("same /24")
                .isEqualTo(ok);
        assertThat(s.pays(later + 2, 0, 1, 100, device(0, 12, ipv4(1, 2, 3, 4)))).as("not above the amount")
                .isEqualTo(ok);
        long id = s.nextId();
        assertThat(s.one(later + 3, s.pay(id, 0, 1, 101, device(0, 13, ipv4(5, 6, 7, 8)))))
                .isEqualTo(RiskResults.risk_review);
        assertThat(s.risk().decision(id).reasons()).isEqualTo("new_device,new_network");
        assertThat(s.pending(0)).isEqualTo(101);
    }

    @Test
    void aScorecardAddsItsBandsAndReviewsOrDeniesAtItsThresholds() {
        int amount = ScoreFeature.amount.code();
        int newPayee = ScoreFeature.new_payee.code();
        int age = ScoreFeature.account_age_hours.code();
        RiskShard s = shard(3, enforce(1, rule(RuleKind.scorecard, RiskDecision.allow, "score",
                50, 80,
                newPayee, 1, 2, 40,
                amount, 10_000, Long.MAX_VALUE, 30,
                age, 0, 24, 20)));

        assertThat(s.pays(t0 + 3600 * secondNs, 0, 1, 9_999)).as("new payee 40 + young account 20 = 60")
                .isEqualTo(RiskResults.risk_review);
        assertThat(s.pays(t0 + 3601 * secondNs, 0, 2, 10_000)).as("40 + 30 + 20 = 90").isEqualTo(denied);
        assertThat(s.pays(t0 + 25 * 3600 * secondNs, 0, 2, 10_000)).as("40 + 30, a day later").isEqualTo(
                RiskResults.risk_review);
        assertThat(s.pays(t0 + 26 * 3600 * secondNs, 1, 0, 9_999)).as("40 alone").isEqualTo(ok);
        long id = s.nextId();
        assertThat(s.one(t0 + 27 * 3600 * secondNs, s.pay(id, 1, 0, 10_000))).as("30, a known payee").isEqualTo(ok);
        assertThat(s.risk().decision(id).score()).isEqualTo(30);
    }

    @Test
    void theStrongestDecisionWinsAndEveryFiredRuleIsAReason() {
        RiskShard s = shard(2, enforce(1,
                rule(RuleKind.new_payee, review, "new_payee", 0),
                rule(RuleKind.amount_limit, deny, "over_limit", 1000),
                rule(RuleKind.velocity, review, "busy", 60, 1, 0)));

        long id = s.nextId();
        assertThat(s.one(later, s.pay(id, 0, 1, 1001))).isEqualTo(denied);
        assertThat(s.risk().decision(id).reasons()).isEqualTo("new_payee,over_limit");
        id = s.nextId();
        assertThat(s.one(later + 1, s.pay(id, 0, 1, 1000))).as("two reviews: review")
                .isEqualTo(RiskResults.risk_review);
        assertThat(s.risk().decision(id).reasons()).isEqualTo("new_payee");
        assertThat(s.risk().decision(id).decision()).isEqualTo(review);
        assertThat(s.balance(0)).isEqualTo(1_000_000 - 1000);
        assertThat(s.pending(0)).isEqualTo(1000);
    }

    @Test
    void anOperatorsTransfersAreScreenedForTheirPayerOnlyWhenTheRuleSetSaysSo() {
        io.atta.core.risk.RiskRule limit = rule(RuleKind.amount_limit, deny, "over_limit", 1000);
        RiskShard s = shard(2, enforce(1, limit));
        io.atta.core.command.CreateTransfer byOperator = new io.atta.core.command.CreateTransfer(s.nextId(),
                wallet(0), wallet(1), 5000, RiskShard.cny, 1, 0, 0, 0, 0, 0);

        assertThat(s.one(later, byOperator)).as("an operator's transfer").isEqualTo(ok);
        assertThat(s.one(later + 1, new io.atta.core.risk.PutRiskRules(2, false, true, RiskShard.cny,
                RiskShard.windows, RiskShard.holdSeconds, java.util.List.of(limit), 0))).isEqualTo(ok);
        long id = s.nextId();
        assertThat(s.one(later + 2, new io.atta.core.command.CreateTransfer(id, wallet(0), wallet(1), 5000,
                RiskShard.cny, 1, 0, 0, 0, 0, 0))).isEqualTo(denied);
        assertThat(s.risk().decision(id).userId()).as("screened for the payer").isEqualTo(user(0));
        assertThat(s.balance(1)).isEqualTo(1_000_000 + 5000);
    }

    @Test
    void withoutARuleSetNothingIsScreenedOrRecorded() {
        RiskShard s = new RiskShard();
        s.users(t0, 2, 1000);
        long id = s.nextId();

        assertThat(s.one(later, s.pay(id, 0, 1, 1000, device(0, 5, ipv4(1, 1, 1, 1))))).isEqualTo(ok);

        assertThat(s.risk().decision(id)).isNull();
        assertThat(s.risk().usersWithFeatures()).isZero();
    }
}
