package io.atta.engine.lending;

/**
 * Where loans read a borrower's credit score (350–950): the credit module when the shard has one,
 * else {@link #interim()}. The score is read inside the state machine at the command's time, so
 * every replica prices a loan alike.
 */
@FunctionalInterface
public interface CreditScores {
    /** The interim policy's score for every user (docs/LOANS.md, Rates). */
    int interimScore = 700;

    int scoreOf(long userId, long ts);

    /**
     * The documented interim policy until the credit module is part of the build: every user
     * scores {@link #interimScore} (daily rate 0.04%, up to 60,000.00).
     */
    static CreditScores interim() {
        return (userId, ts) -> interimScore;
    }
}
