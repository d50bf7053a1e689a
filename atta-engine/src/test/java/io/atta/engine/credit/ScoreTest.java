package io.atta.engine.credit;

import static io.atta.engine.credit.CreditShard.at;
import static io.atta.engine.credit.CreditShard.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.credit.CreditResults;
import io.atta.core.credit.RepayCredit;
import io.atta.core.credit.SetKyc;
import io.atta.core.credit.UseScoreModel;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The score (docs/CREDIT.md, "Score"): the same log gives the same score and reasons; a late
 * repayment never raises it (the scorecard over seeded random inputs, and twin shards where one
 * user repays on time and the other late); a new scorecard version changes nothing already
 * recorded and scores from the next recomputation on.
 */
class ScoreTest {
    private static final long created = at("2026-01-05T10:00");

    /** Builds the same seeded history on a shard: users, KYC, spending, lines, credit purchases. */
    private static void history(CreditShard s, long seed, int users) {
        Random rnd = new Random(seed);
        s.merchant(created);
        s.feedLender(created, 1_000_000_000);
        for (int i = 0; i < users; i++) {
            s.user(created, i, 10_000_000 + rnd.nextInt(10_000_000));
            s.spend(created, i, rnd.nextInt(2_000_000));
            s.ok(created, new SetKyc(user(i), 1 + rnd.nextInt(3)));
        }
        long opened = at("2027-01-06T10:00");
        for (int i = 0; i < users; i++) {
            s.open(opened, i, rnd.nextBoolean());
            s.payWithCredit(opened, i, s.nextTradeNo(), 1 + rnd.nextInt(100_000));
        }
    }

    @Test
    void theSameLogGivesTheSameScoresAndReasons() {
        CreditShard a = new CreditShard();
        CreditShard b = new CreditShard();
        history(a, 7, 30);
        history(b, 7, 30);
        long later = at("2027-03-20T12:00");
        a.tick(later);
        b.tick(later);
        for (int i = 0; i < 30; i++) {
            Score sa = a.credit().score(user(i), later);
            assertThat(sa).isEqualTo(b.credit().score(user(i), later));
            assertThat(sa.score()).isBetween(Score.min, Score.max);
            assertThat(sa.reasons().size()).isLessThanOrEqualTo(Score.maxReasons);
            assertThat(a.credit().scoreOf(user(i), later)).isEqualTo(a.credit().scoreOf(user(i), later))
                    .isEqualTo(b.credit().scoreOf(user(i), later));
        }
        assertThat(a.ledger.stateHash()).isEqualTo(b.ledger.stateHash());
    }

    @Test
    void aLateRepaymentNeverRaisesTheScorecard() {
        Random rnd = new Random(20261207);
        ScorecardV1 card = new ScorecardV1();
        for (int n = 0; n < 100_000; n++) {
            ScoreInputs in = new ScoreInputs(rnd.nextInt(4), rnd.nextInt(800), (long) rnd.nextInt(20_000_000),
                    rnd.nextInt(13), (long) rnd.nextInt(20_000_000), rnd.nextInt(20), rnd.nextInt(4),
                    rnd.nextInt(10) == 0 ? 1 : 0, rnd.nextBoolean(), rnd.nextInt(12), 0, 0);
            int before = card.score(in, 0).score();
            ScoreInputs late = new ScoreInputs(in.kyc(), in.ageDays(), in.spent(), in.activeMonths(), in.holdings(),
                    in.onTime(), in.late() + 1, in.defaults(), in.overdueNow(), in.merchants(), 0, 0);
            ScoreInputs overdue = new ScoreInputs(in.kyc(), in.ageDays(), in.spent(), in.activeMonths(),
                    in.holdings(), in.onTime(), in.late(), in.defaults(), true, in.merchants(), 0, 0);
            ScoreInputs onTime = new ScoreInputs(in.kyc(), in.ageDays(), in.spent(), in.activeMonths(),
                    in.holdings(), in.onTime() + 1, in.late(), in.defaults(), in.overdueNow(), in.merchants(), 0, 0);
            assertThat(card.score(late, 0).score()).as("%s one more late", in).isLessThanOrEqualTo(before);
            assertThat(card.score(overdue, 0).score()).as("%s overdue", in).isLessThanOrEqualTo(before);
            assertThat(card.score(onTime, 0).score()).as("%s one more on time", in).isGreaterThanOrEqualTo(before);
        }
    }

    @Test
    void aUserWhoRepaysLateNeverScoresAboveItsTwinWhoRepaidOnTime() {
        CreditShard onTime = new CreditShard();
        CreditShard late = new CreditShard();
        history(onTime, 11, 10);
        history(late, 11, 10);
        for (int i = 0; i < 10; i++) {
            onTime.ok(at("2027-01-06T11:00"), new io.atta.core.credit.SetAutoRepay(user(i), false));
            late.ok(at("2027-01-06T11:00"), new io.atta.core.credit.SetAutoRepay(user(i), false));
        }
        onTime.tick(at("2027-02-01T01:00"));
        late.tick(at("2027-02-01T01:00"));
        onTime.tick(at("2027-02-08T09:00"));
        for (int i = 0; i < 10; i++) {
            long owed = onTime.line(i).repayable();
            assertThat(onTime.one(at("2027-02-08T10:00"), new RepayCredit(user(i), "p", owed, false)))
                    .isEqualTo(Result.ok);
        }
        late.tick(at("2027-02-15T09:00"));
        for (int i = 0; i < 10; i++) {
            long owed = late.line(i).repayable();
            assertThat(late.one(at("2027-02-15T10:00"), new RepayCredit(user(i), "p", owed, false)))
                    .isEqualTo(Result.ok);
        }
        for (LocalDate d = LocalDate.parse("2027-02-16"); d.isBefore(LocalDate.parse("2027-04-01"));
                d = d.plusDays(5)) {
            long ts = CreditShard.at(d, 12);
            onTime.tick(ts);
            late.tick(ts);
            for (int i = 0; i < 10; i++) {
                assertThat(late.credit().scoreOf(user(i), ts)).as("user %d on %s", i, d)
                        .isLessThan(onTime.credit().scoreOf(user(i), ts));
                assertThat(late.credit().score(user(i), ts).reasons()).contains(ScoreReason.late_repayments);
            }
        }
    }

    /** A second scorecard for the test: v1 with identity counted twice. */
    private static final class DoubleIdentity implements Scorecard {
        @Override
        public int version() {
            return 2;
        }

        @Override
        public Score score(ScoreInputs in, long ts) {
            Score s = new ScorecardV1().score(in, ts);
            return new Score(Math.min(Score.max, s.score() + s.identity()), 2, ts, s.history(), s.behaviour(),
                    s.capacity(), 2 * s.identity(), s.relationships(), s.reasons());
        }
    }

    @Test
    void aNewScorecardVersionChangesNothingAlreadyRecorded() {
        CreditShard s = new CreditShard(CreditShard.withScorecards(new DoubleIdentity()));
        history(s, 5, 5);
        long t = at("2027-01-20T12:00");
        s.tick(t);
        List<Score> before = List.of(s.credit().score(user(0), t), s.credit().score(user(1), t));
        CreditLineView line = s.line(0);
        assertThat(s.one(t, new UseScoreModel(3))).isEqualTo(CreditResults.score_model_unknown);
        assertThat(s.one(t, new UseScoreModel(2))).isEqualTo(Result.ok);

        assertThat(s.credit().modelVersion()).isEqualTo(2);
        assertThat(List.of(s.credit().score(user(0), t), s.credit().score(user(1), t))).isEqualTo(before);
        assertThat(before).extracting(Score::modelVersion).containsOnly(1);
        assertThat(s.line(0)).isEqualTo(line);

        long next = at("2027-01-21T00:30");
        s.tick(next);
        Score after = s.credit().score(user(0), next);
        assertThat(after.modelVersion()).isEqualTo(2);
        assertThat(after.score()).isEqualTo(Math.min(Score.max, before.get(0).score() + before.get(0).identity()));
    }
}
