package io.atta.engine.credit;

import java.util.TreeMap;

/**
 * Credit's state on one shard: each user's profile and line, in id order (so that daily rules
 * run in the same order on every replica, snapshot restored or not), the scorecard in use and
 * the day the module's clock stands in.
 */
final class CreditBook {
    static final int noDay = Integer.MIN_VALUE;

    final TreeMap<Long, Profile> profiles = new TreeMap<>();
    final TreeMap<Long, CreditLine> lines = new TreeMap<>();
    int modelVersion = ScorecardV1.version;
    /** The local day the clock stands in: every day before it is closed ({@link #noDay} before the first command). */
    int openDay = noDay;

    Profile profile(long userId) {
        return profiles.computeIfAbsent(userId, Profile::new);
    }

    void clear() {
        profiles.clear();
        lines.clear();
        modelVersion = ScorecardV1.version;
        openDay = noDay;
    }
}
