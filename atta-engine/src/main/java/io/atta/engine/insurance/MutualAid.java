package io.atta.engine.insurance;

import io.atta.core.DerivedIds;
import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.Postings;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of a mutual-aid period on this shard (docs/INSURANCE.md, "Mutual aid"): the claims
 * approved here during the period are shared equally among the product's active members here,
 * exact to the fen, and then paid to their claimants.
 *
 * <p>Sharing {@code T} among {@code N} members: each owes {@code floor(T / N)}, and {@code T mod N}
 * of them owe one fen more: those at positions {@code k, k+1, …} (mod N) of the joining order,
 * where {@code k} is the period's number mod N, so the extra fen moves round the members from one
 * period to the next. A member whose wallet cannot pay its share lapses (leaves the plan) and the
 * insurer bears that share; the shares collected plus those borne always equal {@code T}.
 */
final class MutualAid {
    private final InsuranceBook book;
    private final Postings postings;
    private final InsuranceRules rules;

    MutualAid(InsuranceBook book, Postings postings, InsuranceRules rules) {
        this.book = book;
        this.postings = postings;
        this.rules = rules;
    }

    /** Closes every period of every mutual-aid product that ended by {@code ts}, in order. */
    void closeDue(long ts) {
        for (Product p : book.products.values()) {
            if (p.terms.periodSeconds() == 0) {
                continue;
            }
            while (p.periodEnd(p.closedPeriods) <= ts) {
                close(p, p.periodEnd(p.closedPeriods));
            }
        }
    }

    /** When the next period of any mutual-aid product ends, or {@link Long#MAX_VALUE}. */
    long nextDueAt() {
        long due = Long.MAX_VALUE;
        for (Product p : book.products.values()) {
            if (p.terms.periodSeconds() != 0) {
                due = Math.min(due, p.periodEnd(p.closedPeriods));
            }
        }
        return due;
    }

    private void close(Product p, long end) {
        long period = p.closedPeriods;
        long total = 0;
        for (long id : p.waiting) {
            total = Math.addExact(total, book.claims.get(id).amount);
        }
        if (total > 0) {
            collect(p, period, total, end);
            for (long id : p.waiting) {
                Claim c = book.claims.get(id);
                rules.pay(c, book.policies.get(c.policyId), p, end);
            }
            p.waiting.clear();
        }
        p.closedPeriods = period + 1;
    }

    /** Takes each active member's share of {@code total}; what a lapsing member cannot pay the insurer bears. */
    private void collect(Product p, long period, long total, long ts) {
        List<Policy> members = new ArrayList<>();
        for (long id : p.members) {
            Policy m = book.policies.get(id);
            if (m.status == Policy.active && m.startsAt < ts) {
                members.add(m);
            }
        }
        int n = members.size();
        if (n == 0) {
            p.borneTotal += total;
            return;
        }
        long base = total / n;
        long extra = total % n;
        int first = (int) (period % n);
        Insurer insurer = book.insurers.get(p.terms.insurerCode());
        for (int k = 0; k < n; k++) {
            Policy m = members.get((first + k) % n);
            long share = base + (k < extra ? 1 : 0);
            if (share == 0) {
                continue;
            }
            long id = DerivedIds.platformId(io.atta.core.Ids.slotOf(m.id),
                    "mutual-aid-share:" + p.terms.code() + ":" + period + ":" + m.id);
            Result r = postings.alone(new CreateTransfer(id, m.walletId, insurer.claimsAccount, share,
                    p.terms.ledger(), TransferCodes.mutualAidShare, 0, 0, 0, m.id, 0), ts);
            if (r == Result.ok) {
                m.sharesPaid += share;
                p.sharesTotal += share;
            } else {
                m.status = Policy.lapsed;
                p.borneTotal += share;
            }
        }
    }
}
