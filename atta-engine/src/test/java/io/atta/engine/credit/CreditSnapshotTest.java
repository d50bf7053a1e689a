package io.atta.engine.credit;

import static io.atta.engine.credit.CreditShard.at;
import static io.atta.engine.credit.CreditShard.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.credit.InstallStatement;
import io.atta.core.credit.RepayCredit;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Credit's snapshot section: a shard restored mid-cycle (unbilled purchases, a statement in
 * installments, one overdue, automatic repayment due) writes the same snapshot, and then goes on
 * through four more months of the same commands exactly as the shard that never stopped: the
 * same state hash after every day, the same lines and statements.
 */
class CreditSnapshotTest {
    @Test
    void aRestoredShardGoesOnAsTheOneThatNeverStopped() throws IOException {
        CreditShard s = new CreditShard();
        long created = at("2026-01-05T10:00");
        s.merchant(created);
        s.feedLender(created, 100_000_000);
        for (int i = 0; i < 6; i++) {
            s.goodUser(created, i);
        }
        for (int i = 0; i < 6; i++) {
            assertThat(s.open(at("2027-01-06T10:00"), i, i % 2 == 0)).isEqualTo(Result.ok);
            s.payWithCredit(at("2027-01-10T10:00"), i, s.nextTradeNo(), 10_000 * (i + 1));
        }
        s.tick(at("2027-02-01T00:01"));
        assertThat(s.one(at("2027-02-02T10:00"), new InstallStatement(user(1), 202702, 6))).isEqualTo(Result.ok);
        s.payWithCredit(at("2027-02-05T10:00"), 3, s.nextTradeNo(), 7_000);
        s.tick(at("2027-02-12T00:01"));

        CreditShard r = s.restored();
        assertThat(r.snapshot()).as("it writes the same snapshot").isEqualTo(s.snapshot());
        assertThat(r.ledger.stateHash()).isEqualTo(s.ledger.stateHash());

        Random rnd = new Random(42);
        for (LocalDate d = LocalDate.parse("2027-02-12"); d.isBefore(LocalDate.parse("2027-06-15")); d = d.plusDays(1)) {
            long midnight = CreditShard.at(d, 0) + 5_000_000_000L;
            s.tick(midnight);
            r.tick(midnight);
            int i = rnd.nextInt(6);
            long ts = CreditShard.at(d, 11);
            if (rnd.nextInt(3) == 0) {
                long tradeNo = s.nextTradeNo();
                assertThat(r.nextTradeNo()).isEqualTo(tradeNo);
                long amount = 1 + rnd.nextInt(20_000);
                assertThat(r.payWithCredit(ts, i, tradeNo, amount)).isEqualTo(s.payWithCredit(ts, i, tradeNo, amount));
            } else if (rnd.nextInt(4) == 0 && s.line(i).repayable() > 0) {
                RepayCredit repay = new RepayCredit(user(i), "p-" + d, 1 + rnd.nextLong(s.line(i).repayable()), false);
                assertThat(r.one(ts, repay)).isEqualTo(s.one(ts, repay));
            }
            assertThat(r.ledger.stateHash()).as("%s", d).isEqualTo(s.ledger.stateHash());
        }
        for (int i = 0; i < 6; i++) {
            assertThat(r.line(i)).isEqualTo(s.line(i));
            assertThat(r.credit().statements(user(i))).isEqualTo(s.credit().statements(user(i)));
        }
        assertThat(r.snapshot()).isEqualTo(s.snapshot());
    }
}
