package io.atta.engine.risk;

import static io.atta.engine.risk.RiskShard.cny;
import static io.atta.engine.risk.RiskShard.secondNs;
import static io.atta.engine.risk.RiskShard.user;
import static io.atta.engine.risk.RiskShard.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Currency;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.risk.DefaultRiskRules;
import io.atta.core.risk.RiskResults;
import io.atta.core.risk.SetKycLevel;
import io.atta.engine.ledger.HouseAccount;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The default rule set against seeded, labelled traffic ({@link FraudScenarios}): every kind of
 * fraud is caught in nearly every scenario, and few everyday payments are held or denied. The
 * report (printed) is the bench figure: detection rate per kind (scenarios with a payment held or
 * denied, fraud payments held or denied, fraud money stopped) and the false-positive rate.
 */
class FraudScenarioTest {
    private static final long start = RiskShard.t0 + 100L * 86_400 * secondNs;

    /** What one seed gave, per kind: [events, flagged events, scenarios, detected scenarios, amount, amount stopped]. */
    static Map<FraudScenarios.Kind, long[]> run(long seed) {
        RiskShard s = new RiskShard();
        FraudScenarios g = new FraudScenarios(seed, start, s);
        record Timed(long ts, Command[] commands, FraudScenarios.Event event) {
        }
        List<Timed> timeline = new ArrayList<>();
        for (FraudScenarios.Person p : g.people) {
            timeline.add(new Timed(start - p.createdBefore(), new Command[] {
                    new CreateUser(user(p.index()), wallet(p.index()), cny, p.index() + 1, 2, 3, 4),
                    new CreateTransfer(s.nextId(), HouseAccount.bankFunding.id(0, Currency.CNY), wallet(p.index()),
                            Math.max(1, p.balance()), cny, 1, 0, 0, 0, 0, 0),
                    new SetKycLevel(user(p.index()), p.kycLevel(), 0)}, null));
        }
        for (FraudScenarios.Event e : g.events) {
            timeline.add(new Timed(e.ts(), new Command[] {e.transfer()}, e));
        }
        timeline.sort((a, b) -> Long.compare(a.ts(), b.ts()));
        assertThat(s.one(timeline.get(0).ts() - 1, DefaultRiskRules.of(1, false))).isEqualTo(Result.ok);

        Map<FraudScenarios.Kind, long[]> out = new EnumMap<>(FraudScenarios.Kind.class);
        Map<FraudScenarios.Kind, Set<Integer>> scenarios = new EnumMap<>(FraudScenarios.Kind.class);
        Map<FraudScenarios.Kind, Set<Integer>> detected = new EnumMap<>(FraudScenarios.Kind.class);
        for (FraudScenarios.Kind k : FraudScenarios.Kind.values()) {
            out.put(k, new long[6]);
            scenarios.put(k, new HashSet<>());
            detected.put(k, new HashSet<>());
        }
        for (Timed t : timeline) {
            Result[] rs = s.apply(t.ts(), t.commands());
            FraudScenarios.Event e = t.event();
            if (e == null) {
                assertThat(rs).containsOnly(Result.ok);
                continue;
            }
            if (e.ts() < start) {
                continue;
            }
            boolean flagged = rs[0] == RiskResults.risk_denied || rs[0] == RiskResults.risk_review;
            assertThat(flagged || rs[0] == Result.ok).as("%s: %s", e, rs[0]).isTrue();
            long[] row = out.get(e.kind());
            row[0]++;
            row[1] += flagged ? 1 : 0;
            row[4] += e.amount();
            row[5] += flagged ? e.amount() : 0;
            scenarios.get(e.kind()).add(e.scenario());
            if (flagged) {
                detected.get(e.kind()).add(e.scenario());
            }
        }
        for (FraudScenarios.Kind k : FraudScenarios.Kind.values()) {
            out.get(k)[2] = scenarios.get(k).size();
            out.get(k)[3] = detected.get(k).size();
        }
        return out;
    }

    @Test
    void theDefaultRuleSetCatchesEveryKindOfFraudAndHoldsFewEverydayPayments() {
        long[] seeds = {11, 22, 33};
        Map<FraudScenarios.Kind, long[]> total = new EnumMap<>(FraudScenarios.Kind.class);
        for (long seed : seeds) {
            run(seed).forEach((k, v) -> {
                long[] t = total.computeIfAbsent(k, x -> new long[6]);
                for (int i = 0; i < 6; i++) {
                    t[i] += v[i];
                }
            });
        }
        System.out.println("fraud scenarios, default rule set, seeds 11, 22, 33:");
        total.forEach((k, v) -> System.out.printf(k == FraudScenarios.Kind.legit
                        ? "  %-17s payments %5d flagged %5.1f%% (false positives)  money held or refused %5.1f%%%n"
                        : "  %-17s payments %5d flagged %5.1f%%  scenarios %2d detected %5.1f%%  money stopped %5.1f%%%n",
                k == FraudScenarios.Kind.legit ? new Object[] {k, v[0], 100.0 * v[1] / v[0], 100.0 * v[5] / v[4]}
                        : new Object[] {k, v[0], 100.0 * v[1] / v[0], v[2], 100.0 * v[3] / v[2], 100.0 * v[5] / v[4]}));

        long[] legit = total.get(FraudScenarios.Kind.legit);
        assertThat((double) legit[1] / legit[0]).as("false-positive rate of everyday payments").isLessThan(0.02);
        for (FraudScenarios.Kind k : List.of(FraudScenarios.Kind.account_takeover, FraudScenarios.Kind.card_testing,
                FraudScenarios.Kind.mule_fan_out)) {
            long[] v = total.get(k);
            assertThat(v[3]).as("%s scenarios detected", k).isEqualTo(v[2]);
            assertThat((double) v[5] / v[4]).as("%s money stopped", k).isGreaterThan(0.5);
        }
    }
}
