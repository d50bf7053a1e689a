package io.atta.engine.risk;

import static io.atta.core.risk.RiskDecision.deny;
import static io.atta.core.risk.RiskDecision.review;
import static io.atta.engine.risk.RiskShard.enforce;
import static io.atta.engine.risk.RiskShard.holdSeconds;
import static io.atta.engine.risk.RiskShard.rule;
import static io.atta.engine.risk.RiskShard.secondNs;
import static io.atta.engine.risk.RiskShard.shadow;
import static io.atta.engine.risk.RiskShard.t0;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.TransferFlags;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.risk.DecideReview;
import io.atta.core.risk.RiskResults;
import io.atta.core.risk.RuleKind;

import org.junit.jupiter.api.Test;

/**
 * Money held for review: approved (posted), rejected (voided) or timed out (released by the
 * ledger's tick), with the payer's balances at each step; the payer cannot post its own hold; a
 * retry answers as the first request did; a shadow set records without enforcing.
 */
class RiskReviewTest {
    private static final long at = t0 + 86_400 * secondNs;
    private static final long money = 100_000;

    private static RiskShard reviewingOver(long amount) {
        RiskShard s = new RiskShard();
        s.users(t0, 2, money);
        assertThat(s.one(t0 + secondNs, enforce(1, rule(RuleKind.amount_limit, review, "large", amount))))
                .isEqualTo(Result.ok);
        return s;
    }

    private static long held(RiskShard s, long amount) {
        long id = s.nextId();
        assertThat(s.one(at, s.pay(id, 0, 1, amount))).isEqualTo(RiskResults.risk_review);
        assertThat(s.balance(0)).as("held, not spendable").isEqualTo(money - amount);
        assertThat(s.pending(0)).isEqualTo(amount);
        assertThat(s.balance(1)).isEqualTo(money);
        assertThat(s.risk().openReviews()).extracting(DecisionRecord::transferId).containsExactly(id);
        return id;
    }

    @Test
    void anApprovedReviewPaysThePayee() {
        RiskShard s = reviewingOver(1000);
        long id = held(s, 5000);

        assertThat(s.one(at + secondNs, new DecideReview(id, true, 9))).isEqualTo(Result.ok);

        assertThat(s.balance(0)).isEqualTo(money - 5000);
        assertThat(s.pending(0)).isZero();
        assertThat(s.balance(1)).isEqualTo(money + 5000);
        assertThat(s.risk().openReviews()).isEmpty();
        assertThat(s.risk().decision(id).review()).isEqualTo(ReviewStatus.approved);
        assertThat(s.one(at + 2 * secondNs, new DecideReview(id, true, 9))).as("a retry").isEqualTo(Result.exists);
        assertThat(s.one(at + 3 * secondNs, new DecideReview(id, false, 9))).isEqualTo(RiskResults.review_closed);
        assertThat(s.balance(1)).isEqualTo(money + 5000);
    }

    @Test
    void aRejectedReviewGivesTheMoneyBack() {
        RiskShard s = reviewingOver(1000);
        long id = held(s, 5000);

        assertThat(s.one(at + secondNs, new DecideReview(id, false, 9))).isEqualTo(Result.ok);

        assertThat(s.balance(0)).isEqualTo(money);
        assertThat(s.pending(0)).isZero();
        assertThat(s.balance(1)).isEqualTo(money);
        assertThat(s.risk().decision(id).review()).isEqualTo(ReviewStatus.rejected);
        assertThat(s.one(at + 2 * secondNs, new DecideReview(s.nextId(), true, 9)))
                .isEqualTo(RiskResults.review_not_found);
    }

    @Test
    void anUnreviewedHoldTimesOutToRejectOnTheTickAfterItsHold() {
        RiskShard s = reviewingOver(1000);
        long id = held(s, 5000);
        long due = at + holdSeconds * secondNs;

        assertThat(s.ledger.nextDueAt()).isEqualTo(due);
        s.apply(due - 1, RiskShard.tick());
        assertThat(s.pending(0)).as("not yet").isEqualTo(5000);
        s.apply(due, RiskShard.tick());

        assertThat(s.balance(0)).isEqualTo(money);
        assertThat(s.pending(0)).isZero();
        assertThat(s.balance(1)).isEqualTo(money);
        assertThat(s.risk().openReviews()).isEmpty();
        assertThat(s.risk().decision(id).review()).isEqualTo(ReviewStatus.expired);
        assertThat(s.one(due + 1, new DecideReview(id, true, 9))).isEqualTo(RiskResults.review_closed);
    }

    @Test
    void thePayerCannotPostItsOwnHoldAndARetryAnswersAsBefore() {
        RiskShard s = reviewingOver(1000);
        long id = held(s, 5000);

        assertThat(s.one(at + 1, RiskShard.post(s.nextId(), id, 0))).isEqualTo(RiskResults.risk_review_open);
        CreateTransfer retry = s.pay(id, 0, 1, 5000);
        assertThat(s.one(at + 2, retry)).as("the same request again").isEqualTo(Result.exists);
        assertThat(s.one(at + 3, s.pay(id, 0, 1, 5001))).isEqualTo(Result.exists_with_different_fields);
        assertThat(s.pending(0)).isEqualTo(5000);
        assertThat(s.balance(1)).isEqualTo(money);
    }

    @Test
    void aReviewInALinkedChainDeniesTheChain() {
        RiskShard s = reviewingOver(1000);
        CreateTransfer first = s.pay(s.nextId(), 0, 1, 10);
        CreateTransfer linked = new CreateTransfer(first.id(), first.debitAccountId(), first.creditAccountId(), 10,
                first.ledger(), 1, TransferFlags.linked, 0, 0, 0, first.actingUserId());
        long second = s.nextId();

        assertThat(s.apply(at, linked, s.pay(second, 0, 1, 5000)))
                .containsExactly(Result.linked_event_failed, RiskResults.risk_denied);

        assertThat(s.balance(0)).isEqualTo(money);
        assertThat(s.pending(0)).isZero();
        assertThat(s.risk().decision(second).reasons()).isEqualTo("large," + RiskScreen.reviewNotPossible);
    }

    @Test
    void aShadowSetRecordsWhatItWouldHaveDecidedAndChangesNothing() {
        RiskShard s = reviewingOver(1000);
        assertThat(s.one(t0 + 2 * secondNs, shadow(2, rule(RuleKind.amount_limit, deny, "strict", 100))))
                .isEqualTo(Result.ok);

        long small = s.nextId();
        assertThat(s.one(at, s.pay(small, 0, 1, 500))).isEqualTo(Result.ok);
        assertThat(s.one(at + 1, s.pay(s.nextId(), 0, 1, 50))).isEqualTo(Result.ok);
        assertThat(s.one(at + 2, s.pay(s.nextId(), 0, 1, 2000))).isEqualTo(RiskResults.risk_review);

        assertThat(s.balance(1)).isEqualTo(money + 550);
        assertThat(s.risk().decision(small).shadowDecision()).isEqualTo(deny);
        assertThat(s.risk().decision(small).shadowReasons()).isEqualTo("strict");
        long[][] counts = s.risk().shadowCounts();
        assertThat(counts[0]).as("enforced allow: shadow allow, review, deny").containsExactly(1, 0, 1);
        assertThat(counts[1]).as("enforced review").containsExactly(0, 0, 1);
        assertThat(s.risk().shadowAmounts()[0][2]).isEqualTo(500);

        assertThat(s.one(at + 3, enforce(2, rule(RuleKind.amount_limit, deny, "x", 1))))
                .isEqualTo(Result.exists_with_different_fields);
        assertThat(s.one(at + 4, enforce(3, rule(RuleKind.amount_limit, deny, "strict", 100))))
                .isEqualTo(Result.ok);
        assertThat(s.risk().shadowRules()).as("promoting drops the shadow").isNull();
        assertThat(s.pays(at + 5, 0, 1, 101)).isEqualTo(RiskResults.risk_denied);
        assertThat(s.one(at + 6, enforce(2, rule(RuleKind.amount_limit, deny, "old", 1))))
                .isEqualTo(RiskResults.rule_set_version_not_newer);
    }
}
