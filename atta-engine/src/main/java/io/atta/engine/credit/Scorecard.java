package io.atta.engine.credit;

/** A version of the score model: a pure function of its inputs (docs/CREDIT.md, "Scorecard"). */
public interface Scorecard {
    int version();

    Score score(ScoreInputs in, long ts);
}
