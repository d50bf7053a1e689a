package io.atta.engine.credit;

import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.ledger.User;
import io.atta.engine.wealth.FundView;
import io.atta.engine.wealth.HoldingView;
import io.atta.engine.wealth.WealthModule;

import java.util.List;

/**
 * Scores users from their own shard (docs/CREDIT.md, "Score"): gathers a user's
 * {@link ScoreInputs} from the ledger (wallet balance, spending, age), the fund (units held) and
 * the user's profile, and runs the scorecard of a version. Reads only: recording is the caller's.
 */
final class CreditScores {
    private static final long dayNs = 86_400_000_000_000L;

    private final CreditBook book;
    private final LedgerModule ledger;
    private final WealthModule wealth;
    private final List<Scorecard> models;

    CreditScores(CreditBook book, LedgerModule ledger, WealthModule wealth, List<Scorecard> models) {
        this.book = book;
        this.ledger = ledger;
        this.wealth = wealth;
        this.models = List.copyOf(models);
    }

    /** True when this build has the scorecard of {@code version}. */
    boolean knows(int version) {
        return model(version) != null;
    }

    private Scorecard model(int version) {
        for (Scorecard m : models) {
            if (m.version() == version) {
                return m;
            }
        }
        return null;
    }

    /** The user's score at {@code ts} under the scorecard in use, or null when this shard has no such user. */
    Score compute(long userId, long ts) {
        ScoreInputs in = inputs(userId, ts);
        return in == null ? null : model(book.modelVersion).score(in, ts);
    }

    /** Computes and records the user's score; null when there is no such user. */
    Score record(long userId, long ts) {
        Score s = compute(userId, ts);
        if (s != null) {
            book.profile(userId).score = s;
        }
        return s;
    }

    ScoreInputs inputs(long userId, long ts) {
        User u = ledger.user(userId);
        AccountState wallet = u == null ? null : ledger.account(u.walletAccountId());
        if (wallet == null) {
            return null;
        }
        Profile p = book.profiles.get(userId);
        CreditLine line = book.lines.get(userId);
        boolean overdueNow = line != null && !line.status().equals("active");
        int ageDays = (int) Math.max(0, (ts - wallet.timestamp()) / dayNs);
        long holdings = Math.max(0, wallet.balance()) + fundUnits(userId, wallet.ledger());
        int month = CreditCalendar.monthIndex(CreditCalendar.dayAt(ts));
        if (p == null) {
            return new ScoreInputs(0, ageDays, wallet.debitsPosted(), 0, holdings, 0, 0, 0, overdueNow, 0, 0, 0);
        }
        return new ScoreInputs(p.kyc, ageDays, wallet.debitsPosted(), p.activeMonths(month), holdings, p.onTime,
                p.late, p.defaults, overdueNow, p.merchantCount, p.purchases, p.refundedPurchases);
    }

    private long fundUnits(long userId, int currency) {
        if (wealth == null) {
            return 0;
        }
        long units = 0;
        for (FundView f : wealth.funds()) {
            if (f.terms().ledger() == currency) {
                HoldingView h = wealth.holding(f.terms().code(), userId);
                units += h.units() + h.pendingUnits();
            }
        }
        return units;
    }
}
