package io.atta.engine.credit;

import java.util.List;

/**
 * A score as a scorecard computed it: 350..950, the version of the scorecard, when, the points
 * of each dimension (history, behaviour, capacity, identity, relationships) and at most four
 * reasons, most important first.
 */
public record Score(int score, int modelVersion, long computedAt, int history, int behaviour, int capacity,
                   int identity, int relationships, List<ScoreReason> reasons) {
    public static final int min = 350;
    public static final int max = 950;
    public static final int maxReasons = 4;

    public Score {
        reasons = List.copyOf(reasons);
    }
}
