package io.atta.engine.risk;

import io.atta.core.command.ClientContext;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.risk.RiskDecision;
import io.atta.core.risk.RiskResults;
import io.atta.engine.ledger.PendingExpiry;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.ledger.TransferScreen;
import io.atta.engine.ledger.User;

/**
 * Risk control's screen of user-initiated transfers (docs/RISK.md, Decisions): runs the enforced
 * rule set (and a shadow set) against the movement and the user's features, refuses a denied
 * movement, holds one asked for review, records every decision in the shard's history, and
 * updates the user's features with what moved. Without a rule set it returns at once.
 */
final class RiskScreen implements TransferScreen, PendingExpiry {
    /** A review asked for a movement that cannot be held (a cross-shard piece, a member of a linked chain) denies it. */
    static final String reviewNotPossible = "review_not_possible";

    private final RiskModule m;
    private final Movement movement = new Movement();
    private final Outcome enforced = new Outcome();
    private final Outcome shadow = new Outcome();
    /** The decision of the movement being screened, and its user, until the ledger says it was applied. */
    private DecisionRecord decided;
    private long user;

    RiskScreen(RiskModule m) {
        this.m = m;
    }

    @Override
    public void screen(Screening s) {
        decided = null;
        if (!m.active()) {
            return;
        }
        CreateTransfer t = s.request;
        long userId = s.userId;
        if (userId == 0) {
            // An operator's transfer: screened for its payer only when a rule set asks for it.
            if (!m.screensOperatorTransfers()) {
                return;
            }
            userId = m.ledger.postings().ownerOf(t.debitAccountId());
            if (userId <= 0) {
                return;
            }
        }
        user = userId;
        Movement mv = fill(movement, t, userId, s.timestamp);
        UserFeatures f = m.features.get(userId);
        UserFeatures read = f != null ? f : m.blank();
        RiskDecision d = RiskDecision.allow;
        String reasons = "";
        long version = 0;
        if (m.enforced != null) {
            m.enforced.decide(mv, read, enforced);
            d = enforced.decision;
            reasons = m.enforced.reasons(enforced.fired);
            version = m.enforced.version();
        }
        RiskDecision sd = null;
        String shadowReasons = "";
        if (m.shadow != null) {
            m.shadow.decide(mv, read, shadow);
            sd = shadow.decision;
            shadowReasons = m.shadow.reasons(shadow.fired);
        }
        if (d == RiskDecision.review && s.grouped) {
            d = RiskDecision.deny;
            reasons = reasons + "," + reviewNotPossible;
        }
        DecisionRecord r = new DecisionRecord(t.id(), userId, s.timestamp, t.debitAccountId(), t.creditAccountId(),
                t.amount(), t.ledger(), d, reasons, version, sd, shadowReasons,
                m.shadow == null ? 0 : m.shadow.version(), m.enforced == null ? 0 : enforced.score,
                d == RiskDecision.review ? ReviewStatus.open : ReviewStatus.none, 0);
        if (d == RiskDecision.deny) {
            s.refuse(RiskResults.risk_denied);
            UserFeatures g = m.featuresOf(userId);
            g.addDenial(s.timestamp);
            m.recorded(r);
        } else {
            if (d == RiskDecision.review) {
                s.hold(RiskResults.risk_review, m.enforced.source.reviewHoldSeconds());
            }
            decided = r;
            s.follow();
        }
    }

    /** Fills {@code mv} with the movement {@code t} makes for {@code userId} at {@code ts}. */
    Movement fill(Movement mv, CreateTransfer t, long userId, long ts) {
        mv.userId = userId;
        mv.debitAccountId = t.debitAccountId();
        mv.payeeAccountId = t.creditAccountId();
        mv.amount = t.amount();
        mv.ledger = t.ledger();
        ClientContext c = t.context();
        mv.deviceHash = c == null ? 0 : c.deviceHash();
        mv.ipHigh = c == null ? 0 : c.ipHigh();
        mv.ipLow = c == null ? 0 : c.ipLow();
        mv.ts = ts;
        User u = m.ledger.user(userId);
        mv.userCreatedAt = u == null ? ts : u.timestamp();
        return mv;
    }

    @Override
    public void applied(Screening s, TransferRecord record, boolean undoable) {
        DecisionRecord r = decided;
        decided = null;
        if (r == null) {
            return;
        }
        UserFeatures f = m.featuresOf(user);
        Movement mv = movement;
        long amount = m.enforced != null && mv.ledger == m.enforced.source.ledger() ? mv.amount
                : m.shadow != null && mv.ledger == m.shadow.source.ledger() ? mv.amount : 0;
        long[] bucketNs = m.bucketNs;
        for (int w = 0; w < bucketNs.length && w < f.windows(); w++) {
            f.add(w, bucketNs[w], mv.ts, amount);
        }
        f.rememberPayee(mv.payeeAccountId, mv.ts);
        f.rememberDevice(mv.deviceHash);
        f.rememberAddress(mv.ipHigh, mv.ipLow);
        if (r.review() == ReviewStatus.open) {
            m.openReview(r);
        }
        m.recorded(r);
    }

    @Override
    public Result mayResolve(long pendingId, long userId) {
        return m.reviews.containsKey(pendingId) ? RiskResults.risk_review_open : Result.ok;
    }

    @Override
    public boolean held(long transferId) {
        if (m.reviews.containsKey(transferId)) {
            return true;
        }
        DecisionRecord r = m.decision(transferId);
        return r != null && r.review() != ReviewStatus.none;
    }

    @Override
    public void expired(TransferRecord transfer, long ts) {
        DecisionRecord r = m.reviews.remove(transfer.id());
        if (r != null) {
            m.archive(r.reviewed(ReviewStatus.expired, ts));
        }
    }
}
