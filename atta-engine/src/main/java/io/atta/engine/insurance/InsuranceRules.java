package io.atta.engine.insurance;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.DerivedIds;
import io.atta.core.Ids;
import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.insurance.BuyPolicy;
import io.atta.core.insurance.CoverTrade;
import io.atta.core.insurance.CreateInsuranceProduct;
import io.atta.core.insurance.CreateInsurer;
import io.atta.core.insurance.DecideClaim;
import io.atta.core.insurance.InsuranceKind;
import io.atta.core.insurance.InsuranceResults;
import io.atta.core.insurance.PremiumPayer;
import io.atta.core.insurance.PremiumRule;
import io.atta.core.insurance.ReportClaim;
import io.atta.core.trade.TradeLimits;
import io.atta.engine.ledger.Postings;

/**
 * Insurance's commands (docs/INSURANCE.md): insurers and products (on every shard), covers of
 * trades to be paid, policies bought or joined, claims reported and decided. Every rule checks
 * everything first and changes nothing when it refuses; money moves in one group of transfers
 * before the module's own state changes.
 */
final class InsuranceRules {
    private final InsuranceBook book;
    private final Postings postings;

    InsuranceRules(InsuranceBook book, Postings postings) {
        this.book = book;
        this.postings = postings;
    }

    Result createInsurer(CreateInsurer c, long ts) {
        Insurer existing = book.insurers.get(c.code());
        if (existing != null) {
            return existing.terms.equals(c) ? Result.exists : Result.exists_with_different_fields;
        }
        if (Currency.ofLedger(c.ledger()) == null) {
            return Result.currency_mismatch;
        }
        Insurer i = new Insurer(c, postings.homeSlot(), ts);
        postings.begin();
        boolean opened = open(i.premiumAccount, c.ledger(), ts) && open(i.claimsAccount, c.ledger(), ts);
        if (!opened) {
            postings.rollBack();
            postings.end();
            return Result.exists_with_different_fields;
        }
        postings.end();
        book.insurers.put(c.code(), i);
        return Result.ok;
    }

    /** The insurer's accounts carry no balance limit: the claims account goes into debit as claims are paid. */
    private boolean open(long id, int ledger, long ts) {
        return postings.openPlatformAccount(id, ledger, TransferCodes.insurerAccount, AccountFlags.history, 0, ts);
    }

    Result createProduct(CreateInsuranceProduct c, long ts) {
        Product existing = book.products.get(c.code());
        if (existing != null) {
            return existing.terms.equals(c) ? Result.exists : Result.exists_with_different_fields;
        }
        Insurer i = book.insurers.get(c.insurerCode());
        if (i == null) {
            return InsuranceResults.insurer_not_found;
        }
        if (i.terms.ledger() != c.ledger()) {
            return InsuranceResults.insurance_currency_mismatch;
        }
        if (!InsuranceKind.hasCode(c.kind()) || !PremiumPayer.hasCode(c.payer()) || c.premiumFixed() < 0
                || c.premiumRatePpm() < 0 || c.premiumRatePpm() > PremiumRule.maxRatePpm || c.premiumMin() < 0
                || c.premiumMax() < c.premiumMin() || c.coverage() <= 0 || c.claimWindowSeconds() < 0
                || c.termSeconds() < 0 || c.periodSeconds() < 0
                || (c.kind() == InsuranceKind.mutual_aid.code() && c.periodSeconds() == 0)) {
            throw new IllegalArgumentException("a product the edge should have refused: " + c);
        }
        book.products.put(c.code(), new Product(c, ts));
        return Result.ok;
    }

    /** Notes that the trade is to be paid with a return-shipping product; its payment takes the premium. */
    Result cover(CoverTrade c, long ts) {
        InsuranceBook.Cover seen = book.covers.get(c.tradeNo());
        if (seen != null) {
            return seen.productCode().equals(c.productCode()) && seen.buyerUserId() == c.buyerUserId()
                    ? Result.exists : Result.exists_with_different_fields;
        }
        Policy sold = book.policies.get(io.atta.core.insurance.InsuranceIds.tradePolicy(c.buyerUserId(), c.tradeNo()));
        if (sold != null) {
            return sold.productCode.equals(c.productCode()) ? Result.exists : InsuranceResults.trade_already_paid;
        }
        Product p = book.products.get(c.productCode());
        if (p == null) {
            return InsuranceResults.insurance_product_not_found;
        }
        if (p.kind != InsuranceKind.return_shipping) {
            return InsuranceResults.insurance_kind_mismatch;
        }
        if (!postings.userExists(c.buyerUserId())) {
            return Result.user_not_found;
        }
        book.covers.put(c.tradeNo(), new InsuranceBook.Cover(c.tradeNo(), c.buyerUserId(), c.productCode(), ts));
        return Result.ok;
    }

    /** Forgets covers asked for longer ago than the longest pay timeout: their trade can no longer be paid. */
    void dropStaleCovers(long ts) {
        long oldest = ts - TradeLimits.maxPayTimeoutSeconds * 1_000_000_000L;
        book.covers.values().removeIf(c -> c.requestedAt() < oldest);
    }

    Result buy(BuyPolicy b, long ts) {
        Policy seen = book.policies.get(b.policyId());
        if (seen != null) {
            return seen.userId == b.userId() && seen.productCode.equals(b.productCode()) ? Result.exists
                    : Result.exists_with_different_fields;
        }
        Product p = book.products.get(b.productCode());
        if (p == null) {
            return InsuranceResults.insurance_product_not_found;
        }
        if (p.kind == InsuranceKind.return_shipping) {
            return InsuranceResults.insurance_kind_mismatch;
        }
        long wallet = b.userId() > 0 && postings.ownsSlot(Ids.slotOf(b.userId())) ? postings.walletOf(b.userId()) : 0;
        if (wallet == 0) {
            return Result.user_not_found;
        }
        if (postings.ledgerOf(wallet) != p.terms.ledger()) {
            return InsuranceResults.insurance_currency_mismatch;
        }
        if (p.kind == InsuranceKind.mutual_aid && memberAlready(p, b.userId())) {
            return Result.exists_with_different_fields;
        }
        Insurer i = book.insurers.get(p.terms.insurerCode());
        long premium = PremiumRule.premium(p.terms, 0);
        if (premium > 0) {
            Result r = postings.alone(new CreateTransfer(premiumId(b.policyId()), wallet, i.premiumAccount, premium,
                    p.terms.ledger(), TransferCodes.insurancePremium, 0, 0, 0, b.policyId(), 0), ts);
            if (r != Result.ok) {
                return r;
            }
            p.premiums++;
            p.premiumTotal += premium;
        }
        long ends = p.terms.termSeconds() == 0 ? 0 : Math.addExact(ts, p.terms.termSeconds() * 1_000_000_000L);
        Policy policy = new Policy(b.policyId(), b.userId(), wallet, p.terms.code(), 0, premium, ts, ends);
        book.addPolicy(policy);
        p.policies++;
        if (p.kind == InsuranceKind.mutual_aid) {
            p.members.add(policy.id);
        }
        return Result.ok;
    }

    /** A user is a member of a mutual-aid product at most once on its shard while active. */
    private boolean memberAlready(Product p, long userId) {
        var ids = book.byUser.get(userId);
        if (ids == null) {
            return false;
        }
        for (long id : ids) {
            Policy other = book.policies.get(id);
            if (other.productCode.equals(p.terms.code()) && other.status == Policy.active) {
                return true;
            }
        }
        return false;
    }

    Result report(ReportClaim c, long ts) {
        Claim seen = book.claims.get(c.claimId());
        if (seen != null) {
            return seen.policyId == c.policyId() && seen.amount == c.amount() && seen.lossAt == c.lossAt()
                    && seen.description.equals(c.description()) ? Result.exists : Result.exists_with_different_fields;
        }
        Policy policy = book.policies.get(c.policyId());
        if (policy == null || policy.userId != c.userId()) {
            return InsuranceResults.policy_not_found;
        }
        Product p = book.products.get(policy.productCode);
        if (p.kind == InsuranceKind.return_shipping) {
            return InsuranceResults.insurance_kind_mismatch;
        }
        if (policy.status == Policy.lapsed) {
            return InsuranceResults.policy_lapsed;
        }
        if (c.amount() <= 0) {
            return Result.amount_must_not_be_zero;
        }
        if (c.lossAt() > ts || c.lossAt() < policy.startsAt || (policy.endsAt != 0 && c.lossAt() > policy.endsAt)) {
            return InsuranceResults.loss_outside_policy_term;
        }
        if (ts - c.lossAt() > p.terms.claimWindowSeconds() * 1_000_000_000L) {
            return InsuranceResults.claim_window_passed;
        }
        if (Math.addExact(policy.claimedAmount, c.amount()) > p.terms.coverage()) {
            return InsuranceResults.claim_over_coverage;
        }
        book.claims.put(c.claimId(), new Claim(c.claimId(), c.policyId(), c.amount(), c.lossAt(), ts, c.description()));
        policy.claimedAmount += c.amount();
        return Result.ok;
    }

    Result decide(DecideClaim d, long ts) {
        Claim c = book.claims.get(d.claimId());
        if (c == null) {
            return InsuranceResults.claim_not_found;
        }
        if (c.status != Claim.reported) {
            boolean sameWay = (c.status == Claim.rejected) != d.approve();
            return sameWay ? Result.exists : InsuranceResults.claim_already_decided;
        }
        Policy policy = book.policies.get(c.policyId);
        Product p = book.products.get(policy.productCode);
        if (!d.approve()) {
            c.status = Claim.rejected;
            policy.claimedAmount -= c.amount;
            p.claimsRejected++;
        } else if (p.kind == InsuranceKind.mutual_aid) {
            c.status = Claim.approved;
            p.waiting.add(c.id);
        } else {
            Result r = pay(c, policy, p, ts);
            if (r != Result.ok) {
                return r;
            }
        }
        c.decidedAt = ts;
        c.decidedBy = d.actingKeyId();
        c.reason = d.reason();
        return Result.ok;
    }

    /**
     * Pays an approved claim in full from the insurer's claims account, in a group of its own;
     * a wallet that cannot take it (closed) leaves the claim {@code unpaid} and the money with the insurer.
     */
    Result pay(Claim c, Policy policy, Product p, long ts) {
        Insurer i = book.insurers.get(p.terms.insurerCode());
        long id = claimTransferId(c.id);
        Result r = postings.alone(new CreateTransfer(id, i.claimsAccount, policy.walletId, c.amount, p.terms.ledger(),
                TransferCodes.insuranceClaim, 0, 0, 0, policy.id, 0), ts);
        if (r != Result.ok) {
            c.status = Claim.unpaid;
            return Result.ok;
        }
        c.status = Claim.paid;
        c.paidAt = ts;
        c.transferId = id;
        p.claimsPaid++;
        p.claimsPaidTotal += c.amount;
        return Result.ok;
    }

    /** The premium transfer of a policy: in the policy's slot. */
    static long premiumId(long policyId) {
        return DerivedIds.platformId(Ids.slotOf(policyId), "insurance-premium:" + policyId);
    }

    /** The payment of a claim: in the claim's slot. */
    static long claimTransferId(long claimId) {
        return DerivedIds.platformId(Ids.slotOf(claimId), "insurance-claim:" + claimId);
    }
}
