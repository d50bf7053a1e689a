package io.atta.engine.insurance;

import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.Result;
import io.atta.core.insurance.BuyPolicy;
import io.atta.core.insurance.CoverTrade;
import io.atta.core.insurance.CreateInsuranceProduct;
import io.atta.core.insurance.CreateInsurer;
import io.atta.core.insurance.DecideClaim;
import io.atta.core.insurance.InsuranceFamily;
import io.atta.core.insurance.InsuranceKind;
import io.atta.core.insurance.ReportClaim;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.trade.TradeModule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Insurance on the ledger (docs/INSURANCE.md): insurers and products, return-shipping
 * insurance sold with escrow trades (as the trade module's {@link io.atta.engine.trade.TradeHook}),
 * account-security policies and mutual aid, their claims, and each product's statement on this
 * shard. Premiums, claims and shares are transfers between users' wallets (or a seller's
 * receivable) and the insurer's two platform accounts here, made only through the ledger's
 * postings. Its public methods other than the module's are its read facade (under the shard's
 * read lock).
 */
public final class InsuranceModule implements ShardModule {
    private final InsuranceBook book = new InsuranceBook();
    private final LedgerModule ledger;
    private final InsuranceRules rules;
    private final MutualAid aid;

    public InsuranceModule(ShardServices shard) {
        this.ledger = shard.module(LedgerModule.class);
        this.rules = new InsuranceRules(book, ledger.postings());
        this.aid = new MutualAid(book, ledger.postings(), rules);
        shard.module(TradeModule.class).addHook(new ReturnShipping(book, ledger.postings(), shard.undo()));
    }

    @Override
    public String name() {
        return "insurance";
    }

    @Override
    public CommandFamily family() {
        return new InsuranceFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        // A period that ended before this command is shared first, as a tick at its end would have.
        aid.closeDue(ts);
        if (c instanceof CoverTrade t) {
            out[at] = rules.cover(t, ts);
        } else if (c instanceof BuyPolicy b) {
            out[at] = rules.buy(b, ts);
        } else if (c instanceof ReportClaim r) {
            out[at] = rules.report(r, ts);
        } else if (c instanceof DecideClaim d) {
            out[at] = rules.decide(d, ts);
        } else if (c instanceof CreateInsuranceProduct p) {
            out[at] = rules.createProduct(p, ts);
        } else if (c instanceof CreateInsurer i) {
            out[at] = rules.createInsurer(i, ts);
        } else {
            throw new IllegalArgumentException("not an insurance command: " + c);
        }
    }

    @Override
    public void prefetch(Command c) {
        if (c instanceof BuyPolicy b) {
            ledger.postings().prefetchTransfer(InsuranceRules.premiumId(b.policyId()));
        } else if (c instanceof DecideClaim d) {
            ledger.postings().prefetchTransfer(InsuranceRules.claimTransferId(d.claimId()));
        }
    }

    @Override
    public void tick(long ts) {
        aid.closeDue(ts);
        rules.dropStaleCovers(ts);
    }

    @Override
    public long nextDueAt() {
        return aid.nextDueAt();
    }

    // ---- Read facade ----

    /** The insurer on this shard with its accounts' balances, or null. */
    public InsurerView insurer(String code) {
        Insurer i = book.insurers.get(code);
        return i == null ? null : new InsurerView(i.terms, i.premiumAccount, i.claimsAccount,
                balance(i.premiumAccount), balance(i.claimsAccount));
    }

    /** Every insurer on this shard, by code. */
    public List<InsurerView> insurers() {
        List<InsurerView> all = new ArrayList<>();
        for (String code : book.insurers.keySet()) {
            all.add(insurer(code));
        }
        return all;
    }

    /** The product with what it took and paid on this shard, or null. */
    public ProductView product(String code) {
        Product p = book.products.get(code);
        if (p == null) {
            return null;
        }
        long active = 0;
        for (long id : p.members) {
            if (book.policies.get(id).status == Policy.active) {
                active++;
            }
        }
        long waiting = 0;
        for (long id : p.waiting) {
            waiting += book.claims.get(id).amount;
        }
        return new ProductView(p.terms, p.policies, p.premiums, p.premiumTotal, p.claimsPaid, p.claimsPaidTotal,
                p.claimsRejected, p.sharesTotal, p.borneTotal, p.closedPeriods, active, waiting);
    }

    /** The insurer's products on this shard, by code: the rows of its statement. */
    public List<ProductView> productsOf(String insurerCode) {
        List<ProductView> rows = new ArrayList<>();
        for (Product p : book.products.values()) {
            if (p.terms.insurerCode().equals(insurerCode)) {
                rows.add(product(p.terms.code()));
            }
        }
        return rows;
    }

    /** The policy, or null. */
    public PolicyView policy(long id) {
        Policy p = book.policies.get(id);
        if (p == null) {
            return null;
        }
        InsuranceKind kind = book.products.get(p.productCode).kind;
        return new PolicyView(p.id, p.userId, p.productCode, kind.name(), p.tradeNo, p.premium, p.startsAt, p.endsAt,
                Policy.statusName(p.status), p.claimedAmount, p.sharesPaid);
    }

    /** The user's policies on this shard, by id. */
    public List<PolicyView> policiesOf(long userId) {
        List<PolicyView> all = new ArrayList<>();
        var ids = book.byUser.get(userId);
        if (ids != null) {
            for (long id : ids) {
                all.add(policy(id));
            }
        }
        return all;
    }

    /** The claim, or null. */
    public ClaimView claim(long id) {
        Claim c = book.claims.get(id);
        if (c == null) {
            return null;
        }
        long user = book.policies.get(c.policyId).userId;
        return new ClaimView(c.id, c.policyId, user, c.amount, c.lossAt, c.reportedAt, Claim.statusName(c.status),
                c.decidedAt, c.decidedBy, c.reason, c.paidAt, c.transferId, c.description);
    }

    /** The policy's claims, by id. */
    public List<ClaimView> claimsOf(long policyId) {
        List<ClaimView> all = new ArrayList<>();
        for (Claim c : book.claims.values()) {
            if (c.policyId == policyId) {
                all.add(claim(c.id));
            }
        }
        return all;
    }

    private long balance(long accountId) {
        AccountState a = ledger.account(accountId);
        return a == null ? 0 : a.balance();
    }

    // ---- Snapshot ----

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        InsuranceSnapshot.write(book, out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        InsuranceSnapshot.read(book, in, ledger.postings().homeSlot());
    }

    @Override
    public void clear() {
        book.clear();
    }
}
