package io.atta.engine.risk;

import io.atta.core.DerivedIds;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.risk.DecideReview;
import io.atta.core.risk.PutRiskRules;
import io.atta.core.risk.RiskLimits;
import io.atta.core.risk.RiskResults;
import io.atta.core.risk.RuleSetCheck;
import io.atta.core.risk.SetKycLevel;
import io.atta.engine.ledger.Postings;

/** Risk control's commands: putting a rule set, setting a user's KYC level, deciding a review. */
final class RiskCommands {
    private final RiskModule m;
    private final Postings postings;

    RiskCommands(RiskModule m, Postings postings) {
        this.m = m;
        this.postings = postings;
    }

    /**
     * A rule set with a version above every earlier one: enforced (replacing the enforced set and
     * dropping a shadow set) or shadow (beside the enforced one, with a fresh report). The same
     * version with the same rules again is a retry.
     */
    Result putRules(PutRiskRules p) {
        if (RuleSetCheck.check(p) != null) {
            return RiskResults.rule_set_invalid;
        }
        if (m.lastPut != null && p.version() == m.lastPut.version()) {
            return p.sameRules(m.lastPut) ? Result.exists : Result.exists_with_different_fields;
        }
        if (m.lastPut != null && p.version() < m.lastPut.version()) {
            return RiskResults.rule_set_version_not_newer;
        }
        m.lastPut = p;
        if (p.shadow()) {
            if (m.enforced == null) {
                m.useWindows(p.windowsSeconds());
            }
            m.shadow = new RuleSet(p, m.windowsSeconds);
            java.util.Arrays.fill(m.shadowCounts, 0);
            java.util.Arrays.fill(m.shadowAmounts, 0);
        } else {
            m.useWindows(p.windowsSeconds());
            m.enforced = new RuleSet(p, m.windowsSeconds);
            m.shadow = null;
        }
        return Result.ok;
    }

    Result setKycLevel(SetKycLevel k) {
        if (k.level() < 0 || k.level() > RiskLimits.maxKycLevel) {
            return RiskResults.kyc_level_invalid;
        }
        if (m.ledger.user(k.userId()) == null) {
            return Result.user_not_found;
        }
        m.featuresOf(k.userId()).kycLevel = k.level();
        return Result.ok;
    }

    /**
     * Approves (posts) or rejects (voids) the held transfer. Deciding a closed review again the
     * same way is a retry ({@code exists}); the other way, {@code review_closed}.
     */
    Result decideReview(DecideReview d, long ts) {
        DecisionRecord r = m.reviews.get(d.reviewId());
        if (r == null) {
            DecisionRecord closed = m.decision(d.reviewId());
            if (closed == null || closed.review() == ReviewStatus.none) {
                return RiskResults.review_not_found;
            }
            boolean same = closed.review() == (d.approve() ? ReviewStatus.approved : ReviewStatus.rejected);
            return same ? Result.exists : RiskResults.review_closed;
        }
        CreateTransfer resolve = new CreateTransfer(resolutionId(d.reviewId()), 0, 0, 0, 0, 0,
                d.approve() ? TransferFlags.postPending : TransferFlags.voidPending, d.reviewId(), 0, 0, 0);
        postings.begin();
        Result result = postings.derivedTransfer(resolve, ts);
        if (result != Result.ok) {
            postings.rollBack();
        }
        postings.end();
        if (result == Result.pending_expired) {
            // Its hold ran out before this command: the next tick releases it, as a timeout.
            return RiskResults.review_closed;
        }
        if (result != Result.ok) {
            throw new IllegalStateException("review " + d.reviewId() + " holds a transfer the ledger refuses to "
                    + (d.approve() ? "post" : "void") + ": " + result);
        }
        m.reviews.remove(d.reviewId());
        m.archive(r.reviewed(d.approve() ? ReviewStatus.approved : ReviewStatus.rejected, ts));
        return Result.ok;
    }

    /** The id of the transfer that posts or voids a review's hold, in the held transfer's slot. */
    static long resolutionId(long reviewId) {
        return Ids.platformId(Ids.slotOf(reviewId), DerivedIds.of("risk-review:" + reviewId));
    }
}
