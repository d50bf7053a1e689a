package io.atta.server.risk;

import io.atta.core.risk.RiskDecision;
import io.atta.core.risk.RiskResults;
import io.atta.engine.risk.DecisionRecord;
import io.atta.engine.risk.ReviewStatus;
import io.atta.server.http.Reply;

/**
 * How a single-item movement's route answers what risk control decided (docs/RISK.md, Decisions):
 * denied, or a review rejected or timed out: 409 {@code risk_denied} with the reasons; held for
 * review: 202 with the review; otherwise the route's own answer.
 */
public final class RiskReplies {
    /** What the caller is told. */
    public enum Outcome {
        done, held, refused
    }

    private RiskReplies() {
    }

    /** The outcome of a movement with this decision (null: not screened, or none recorded). */
    public static Outcome outcome(DecisionRecord d) {
        if (d == null) {
            return Outcome.done;
        }
        if (d.decision() == RiskDecision.deny) {
            return Outcome.refused;
        }
        return switch (d.review()) {
            case open -> Outcome.held;
            case rejected, expired -> Outcome.refused;
            case none, approved -> Outcome.done;
        };
    }

    /** 409 {@code risk_denied}: the error body with the reasons, the rule set's version and the review, if any. */
    public static Reply refused(DecisionRecord d) {
        boolean reviewed = d.review() != ReviewStatus.none;
        return Reply.object(409, g -> {
            g.writeObjectFieldStart("error");
            g.writeStringField("code", RiskResults.risk_denied.apiName());
            g.writeStringField("message", reviewed ? "risk control held the payment for review and it was "
                    + d.review().name() : "risk control denied the payment: " + d.reasons());
            g.writeEndObject();
            DecisionJson.writeRiskField(g, d);
        });
    }
}
