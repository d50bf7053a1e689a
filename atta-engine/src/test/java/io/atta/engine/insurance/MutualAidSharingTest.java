package io.atta.engine.insurance;

import static io.atta.engine.insurance.InsuranceShard.secondNs;
import static io.atta.engine.insurance.InsuranceShard.t0;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.insurance.InsuranceResults;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Mutual aid against {@link MutualAidReference}, seeded: members join over several periods with
 * random wallets (some too poor for a share), random claims are approved or rejected, and after
 * every period's end every wallet, the insurer's claims account, the shares collected and borne
 * and each member's status agree with the reference, and the period's shares sum exactly to its
 * approved claims; a replay of the log ends in the same state hash. A failure names its seed.
 */
class MutualAidSharingTest {
    static final long periodSeconds = 7 * 24 * 3600;
    static final String aid = "AID";

    @Test
    void sharesSumExactlyToTheApprovedClaimsAndMatchTheReference() {
        for (long seed = 1; seed <= 40; seed++) {
            run(seed);
        }
    }

    private static void run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        InsuranceShard s = new InsuranceShard();
        s.ok(InsuranceShard.mutualAid(aid, periodSeconds, 1_000_000_000L, t0));
        MutualAidReference ref = new MutualAidReference();
        List<Long> policies = new ArrayList<>();
        int users = 0;
        int periods = 2 + random.nextInt(5);
        for (int p = 0; p < periods; p++) {
            long start = t0 + p * periodSeconds * secondNs;
            s.now = Math.max(s.now, start + secondNs);
            int joins = random.nextInt(p == 0 ? 1 : 0, 25);
            for (int j = 0; j < joins; j++) {
                long money = random.nextInt(4) == 0 ? random.nextLong(0, 50) : random.nextLong(1_000, 1_000_000);
                long user = s.newUser(users++, money);
                policies.add(s.buy(user, aid, "join", Result.ok));
                ref.members.add(new MutualAidReference.Member(user, money));
            }
            int claims = random.nextInt(0, 6);
            for (int c = 0; c < claims && !policies.isEmpty(); c++) {
                int who = random.nextInt(policies.size());
                MutualAidReference.Member m = ref.members.get(who);
                long amount = random.nextLong(1, 200_000);
                Result expected = m.active ? Result.ok : InsuranceResults.policy_lapsed;
                long claim = s.report(policies.get(who), m.user, amount, s.now - 1, "p" + p + "c" + c, expected);
                if (expected != Result.ok) {
                    continue;
                }
                boolean approve = random.nextInt(5) != 0;
                assertThat(s.decide(claim, approve)).as("seed %d", seed).isEqualTo(Result.ok);
                if (approve) {
                    ref.waiting.add(new MutualAidReference.Approved(m, amount));
                }
            }
            long sharesBefore = s.insurance().product(aid).sharesTotal() + s.insurance().product(aid).borneTotal();
            s.tickAt(start + periodSeconds * secondNs);
            long shared = ref.closePeriod();

            ProductView row = s.insurance().product(aid);
            assertThat(row.sharesTotal() + row.borneTotal() - sharesBefore).as("seed %d period %d", seed, p)
                    .isEqualTo(shared);
            assertThat(row.sharesTotal()).as("seed %d shares", seed).isEqualTo(ref.shares);
            assertThat(row.borneTotal()).as("seed %d borne", seed).isEqualTo(ref.borne);
            assertThat(row.closedPeriods()).as("seed %d", seed).isEqualTo(p + 1);
            assertThat(s.claimsAccount()).as("seed %d claims account", seed).isEqualTo(ref.insurerClaimsBalance);
            if (p == periods - 1) {
                assertThat(s.replay().stateHash()).as("seed %d: a replay of the log", seed)
                        .isEqualTo(s.ledger.stateHash());
            }
            for (int i = 0; i < ref.members.size(); i++) {
                MutualAidReference.Member m = ref.members.get(i);
                assertThat(s.walletOf(m.user)).as("seed %d member %d wallet", seed, i).isEqualTo(m.wallet);
                assertThat(s.insurance().policy(policies.get(i)).status()).as("seed %d member %d", seed, i)
                        .isEqualTo(m.active ? "active" : "lapsed");
            }
        }
    }
}
