package io.atta.engine.insurance;

import io.atta.core.TransferCodes;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.core.insurance.InsuranceIds;
import io.atta.core.insurance.InsuranceResults;
import io.atta.core.insurance.PremiumPayer;
import io.atta.core.insurance.PremiumRule;
import io.atta.engine.ledger.Postings;
import io.atta.engine.shard.UndoLog;
import io.atta.engine.trade.HookedTrade;
import io.atta.engine.trade.TradeHook;

/**
 * Return-shipping insurance as the trade module's {@link TradeHook} (docs/INSURANCE.md): a
 * covered trade's payment takes the premium in its own group (the buyer's wallet or the seller's
 * receivable to the insurer's premium account), so an unpaid premium refuses the payment; a
 * refund after shipment pays the buyer the product's compensation from the claims account in
 * the refund's group, once per trade.
 */
final class ReturnShipping implements TradeHook {
    private final InsuranceBook book;
    private final Postings postings;
    private final UndoLog undo;

    ReturnShipping(InsuranceBook book, Postings postings, UndoLog undo) {
        this.book = book;
        this.postings = postings;
        this.undo = undo;
    }

    @Override
    public Result paid(HookedTrade t, long ts) {
        InsuranceBook.Cover cover = book.covers.get(t.tradeNo());
        if (cover == null || cover.buyerUserId() != t.buyerUserId()) {
            return Result.ok;
        }
        Product p = book.products.get(cover.productCode());
        if (p.terms.ledger() != t.ledger()) {
            return InsuranceResults.insurance_currency_mismatch;
        }
        Insurer i = book.insurers.get(p.terms.insurerCode());
        long policyId = InsuranceIds.tradePolicy(t.buyerUserId(), t.tradeNo());
        long premium = PremiumRule.premium(p.terms, t.amount());
        if (premium > 0) {
            // The seller's receivable is opened (if it is the first) only here, where the transfer
            // that follows cannot be refused: it has no balance limit.
            long payer = p.terms.payer() == PremiumPayer.seller.code() ? t.sellerAccountId() : t.buyerWalletId();
            Result r = postings.transfer(new CreateTransfer(InsuranceRules.premiumId(policyId), payer,
                    i.premiumAccount, premium, p.terms.ledger(), TransferCodes.insurancePremium, 0, 0, 0,
                    t.tradeNo(), 0), ts);
            if (r != Result.ok) {
                return r;
            }
        }
        Policy policy = new Policy(policyId, t.buyerUserId(), t.buyerWalletId(), p.terms.code(), t.tradeNo(), premium,
                ts, 0);
        book.addPolicy(policy);
        book.covers.remove(t.tradeNo());
        p.policies++;
        if (premium > 0) {
            p.premiums++;
            p.premiumTotal += premium;
        }
        undo.add(() -> {
            book.removePolicy(policy);
            book.covers.put(cover.tradeNo(), cover);
            p.policies--;
            if (premium > 0) {
                p.premiums--;
                p.premiumTotal -= premium;
            }
        });
        return Result.ok;
    }

    @Override
    public void refunded(HookedTrade t, long amount, boolean shipped, long ts) {
        Policy policy = shipped ? book.policies.get(InsuranceIds.tradePolicy(t.buyerUserId(), t.tradeNo())) : null;
        if (policy == null || policy.status != Policy.active) {
            return;
        }
        Product p = book.products.get(policy.productCode);
        Insurer i = book.insurers.get(p.terms.insurerCode());
        long claimId = InsuranceIds.claim(policy.id, "return");
        Claim c = new Claim(claimId, policy.id, p.terms.coverage(), ts, ts, "refund after shipment");
        c.decidedAt = ts;
        long transferId = InsuranceRules.claimTransferId(claimId);
        Result r = postings.transfer(new CreateTransfer(transferId, i.claimsAccount, t.buyerWalletId(), c.amount,
                p.terms.ledger(), TransferCodes.insuranceClaim, 0, 0, 0, t.tradeNo(), 0), ts);
        if (r == Result.ok) {
            c.status = Claim.paid;
            c.paidAt = ts;
            c.transferId = transferId;
        } else {
            c.status = Claim.unpaid;
        }
        book.claims.put(claimId, c);
        policy.status = Policy.claimed;
        policy.claimedAmount = c.amount;
        boolean paid = r == Result.ok;
        if (paid) {
            p.claimsPaid++;
            p.claimsPaidTotal += c.amount;
        }
        undo.add(() -> {
            book.claims.remove(claimId);
            policy.status = Policy.active;
            policy.claimedAmount = 0;
            if (paid) {
                p.claimsPaid--;
                p.claimsPaidTotal -= c.amount;
            }
        });
    }
}
