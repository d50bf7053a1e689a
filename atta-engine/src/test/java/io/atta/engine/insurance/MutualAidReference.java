package io.atta.engine.insurance;

import java.util.ArrayList;
import java.util.List;

/**
 * A naive model of mutual aid on one shard, written from docs/INSURANCE.md alone: members in
 * joining order with their wallets; at each period's end the approved claims' total {@code T}
 * is split as {@code floor(T/N)} each and one more fen for {@code T mod N} members starting at
 * position {@code period mod N}; a member whose wallet is short lapses and the insurer bears its
 * share; then each claimant is paid.
 */
final class MutualAidReference {
    static final class Member {
        final long user;
        long wallet;
        boolean active = true;

        Member(long user, long wallet) {
            this.user = user;
            this.wallet = wallet;
        }
    }

    record Approved(Member claimant, long amount) {
    }

    final List<Member> members = new ArrayList<>();
    final List<Approved> waiting = new ArrayList<>();
    long insurerClaimsBalance;
    long shares;
    long borne;
    long period;

    /** Closes one period; returns the total shared (collected plus borne). */
    long closePeriod() {
        long total = 0;
        for (Approved a : waiting) {
            total += a.amount();
        }
        if (total > 0) {
            List<Member> active = members.stream().filter(m -> m.active).toList();
            long collectedNow = 0;
            long borneNow = 0;
            if (active.isEmpty()) {
                borneNow = total;
            } else {
                int n = active.size();
                for (int k = 0; k < n; k++) {
                    Member m = active.get((int) ((period + k) % n));
                    long share = total / n + (k < total % n ? 1 : 0);
                    if (share == 0) {
                        continue;
                    }
                    if (m.wallet >= share) {
                        m.wallet -= share;
                        insurerClaimsBalance += share;
                        collectedNow += share;
                    } else {
                        m.active = false;
                        borneNow += share;
                    }
                }
            }
            for (Approved a : waiting) {
                a.claimant().wallet += a.amount();
                insurerClaimsBalance -= a.amount();
            }
            waiting.clear();
            shares += collectedNow;
            borne += borneNow;
            if (collectedNow + borneNow != total) {
                throw new AssertionError("the reference split " + total + " into " + collectedNow + " + " + borneNow);
            }
        }
        period++;
        return total;
    }
}
