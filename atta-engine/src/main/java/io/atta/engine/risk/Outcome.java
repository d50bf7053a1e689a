package io.atta.engine.risk;

import io.atta.core.risk.RiskDecision;

/** What a rule set decided of a movement: the decision, the rules that fired (bit i: rule i) and the score. */
final class Outcome {
    RiskDecision decision = RiskDecision.allow;
    long fired;
    long score;

    void reset() {
        decision = RiskDecision.allow;
        fired = 0;
        score = 0;
    }

    void fire(int rule, RiskDecision d) {
        fired |= 1L << rule;
        decision = decision.max(d);
    }
}
