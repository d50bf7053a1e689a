package io.atta.engine.insurance;

import static io.atta.engine.insurance.InsuranceShard.hourNs;
import static io.atta.engine.insurance.InsuranceShard.t0;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.insurance.CoverTrade;
import io.atta.core.insurance.InsuranceIds;
import io.atta.core.insurance.InsuranceResults;
import io.atta.core.insurance.PremiumPayer;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

/**
 * Every claim path of docs/INSURANCE.md with the balances a user would see: return shipping
 * (premium by buyer or seller, refunds before and after shipment, a premium that cannot be paid),
 * account security (window, term, coverage, approve, reject) and mutual aid (shares at the end
 * of the period, a lapsing member). Every batch also checks that the shard's balances sum to zero.
 */
class InsuranceClaimsTest {
    /** 2 % of the trade, at least 1.00 and at most 5.00; 8.00 paid back on a return. */
    static final String rs = "RS";
    static final String rsSeller = "RS-SELLER";
    static final String security = "SEC";
    static final String aid = "AID";
    static final long compensation = 800;

    private static InsuranceShard shard() {
        InsuranceShard s = new InsuranceShard();
        s.ok(InsuranceShard.returnShipping(rs, PremiumPayer.buyer, 20_000, 100, 500, compensation),
                InsuranceShard.returnShipping(rsSeller, PremiumPayer.seller, 20_000, 100, 500, compensation),
                InsuranceShard.accountSecurity(security, 300, 50_000),
                InsuranceShard.mutualAid(aid, 24 * 3600, 100_000, t0));
        return s;
    }

    @Test
    void aReturnAfterShipmentPaysTheBuyersShippingInTheRefundsCommand() {
        InsuranceShard s = shard();
        long buyer = s.newUser(1, 10_000);
        long trade = InsuranceShard.tradeNo(buyer, 1);

        assertThat(s.createAndPay(trade, buyer, 5_000, rs)).containsOnly(Result.ok);
        assertThat(s.walletOf(buyer)).isEqualTo(10_000 - 100);
        assertThat(s.available(InsuranceShard.wallet(buyer))).isEqualTo(10_000 - 100 - 5_000);
        assertThat(s.premiumAccount()).isEqualTo(100);

        assertThat(s.ship(trade)).isEqualTo(Result.ok);
        assertThat(s.sellerRefund(trade, 1, 5_000)).isEqualTo(Result.ok);

        assertThat(s.walletOf(buyer)).isEqualTo(10_000 - 100 + compensation);
        assertThat(s.available(InsuranceShard.wallet(buyer))).isEqualTo(10_000 - 100 + compensation);
        assertThat(s.claimsAccount()).isEqualTo(-compensation);
        long policy = InsuranceIds.tradePolicy(buyer, trade);
        assertThat(s.insurance().policy(policy).status()).isEqualTo("claimed");
        assertThat(s.insurance().claimsOf(policy)).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo("paid");
                    assertThat(c.amount()).isEqualTo(compensation);
                });
        ProductView row = s.insurance().product(rs);
        assertThat(row.premiumTotal()).isEqualTo(100);
        assertThat(row.claimsPaidTotal()).isEqualTo(compensation);

        // A second refund of the same return pays nothing more.
        InsuranceShard again = shard();
        long b2 = again.newUser(2, 10_000);
        long t2 = InsuranceShard.tradeNo(b2, 2);
        again.createAndPay(t2, b2, 5_000, rs);
        again.ship(t2);
        assertThat(again.sellerRefund(t2, 1, 2_000)).isEqualTo(Result.ok);
        assertThat(again.sellerRefund(t2, 2, 3_000)).isEqualTo(Result.ok);
        assertThat(again.walletOf(b2)).isEqualTo(10_000 - 100 + compensation);
        assertThat(again.claimsAccount()).isEqualTo(-compensation);
    }

    @Test
    void aRefundBeforeShipmentIsNoReturnAndPaysNoClaim() {
        InsuranceShard s = shard();
        long buyer = s.newUser(1, 10_000);
        long trade = InsuranceShard.tradeNo(buyer, 1);
        s.createAndPay(trade, buyer, 5_000, rs);

        assertThat(s.sellerRefund(trade, 1, 5_000)).isEqualTo(Result.ok);

        assertThat(s.walletOf(buyer)).isEqualTo(10_000 - 100);
        assertThat(s.available(InsuranceShard.wallet(buyer))).isEqualTo(10_000 - 100);
        assertThat(s.claimsAccount()).isZero();
        assertThat(s.insurance().policy(InsuranceIds.tradePolicy(buyer, trade)).status()).isEqualTo("active");
    }

    @Test
    void theSellerPaysThePremiumFromItsReceivableWhenTheProductSaysSo() {
        InsuranceShard s = shard();
        long buyer = s.newUser(1, 100_000);
        long trade = InsuranceShard.tradeNo(buyer, 1);

        // 2 % of 90.00 is 1.80, within the bounds.
        assertThat(s.createAndPay(trade, buyer, 9_000, rsSeller)).containsOnly(Result.ok);

        assertThat(s.walletOf(buyer)).isEqualTo(100_000);
        assertThat(s.receivable()).isEqualTo(-180);
        assertThat(s.premiumAccount()).isEqualTo(180);
        assertThat(s.insurance().policy(InsuranceIds.tradePolicy(buyer, trade)).premium()).isEqualTo(180);
    }

    @Test
    void thePremiumIsHeldBetweenTheProductsBounds() {
        InsuranceShard s = shard();
        long buyer = s.newUser(1, 1_000_000);
        long small = InsuranceShard.tradeNo(buyer, 1);
        long large = InsuranceShard.tradeNo(buyer, 2);

        s.createAndPay(small, buyer, 1_000, rs);
        s.createAndPay(large, buyer, 500_000, rs);

        assertThat(s.insurance().policy(InsuranceIds.tradePolicy(buyer, small)).premium()).isEqualTo(100);
        assertThat(s.insurance().policy(InsuranceIds.tradePolicy(buyer, large)).premium()).isEqualTo(500);
        assertThat(s.premiumAccount()).isEqualTo(600);
    }

    @Test
    void aPremiumTheBuyerCannotPayRefusesThePaymentAndMovesNothing() {
        InsuranceShard s = shard();
        long buyer = s.newUser(1, 5_000);
        long trade = InsuranceShard.tradeNo(buyer, 1);

        Result[] r = s.createAndPay(trade, buyer, 5_000, rs);

        assertThat(r).containsExactly(Result.ok, Result.ok, Result.insufficient_funds);
        assertThat(s.walletOf(buyer)).isEqualTo(5_000);
        assertThat(s.available(InsuranceShard.wallet(buyer))).isEqualTo(5_000);
        assertThat(s.premiumAccount()).isZero();
        assertThat(s.insurance().policy(InsuranceIds.tradePolicy(buyer, trade))).isNull();
        assertThat(s.ledger.trades().trade(trade)).isNull();
    }

    @Test
    void aCoverNamesAReturnShippingProductOnce() {
        InsuranceShard s = shard();
        long buyer = s.newUser(1, 5_000);

        assertThat(s.one(new CoverTrade(1, buyer, security))).isEqualTo(InsuranceResults.insurance_kind_mismatch);
        assertThat(s.one(new CoverTrade(1, buyer, "NONE"))).isEqualTo(InsuranceResults.insurance_product_not_found);
        assertThat(s.one(new CoverTrade(1, buyer, rs))).isEqualTo(Result.ok);
        assertThat(s.one(new CoverTrade(1, buyer, rs))).isEqualTo(Result.exists);
        assertThat(s.one(new CoverTrade(1, buyer, rsSeller))).isEqualTo(Result.exists_with_different_fields);
    }

    @Test
    void anAccountSecurityClaimWithinTheWindowIsPaidInFullWhenApproved() {
        InsuranceShard s = shard();
        long user = s.newUser(1, 10_000);
        long policy = s.buy(user, security, "p1", Result.ok);
        assertThat(s.buy(user, security, "p1", Result.exists)).isEqualTo(policy);
        assertThat(s.walletOf(user)).isEqualTo(10_000 - 300);
        assertThat(s.premiumAccount()).isEqualTo(300);

        s.now += 10 * hourNs;
        long claim = s.report(policy, user, 20_000, s.now - 5 * hourNs, "c1", Result.ok);
        assertThat(s.insurance().claim(claim).status()).isEqualTo("reported");
        assertThat(s.walletOf(user)).isEqualTo(9_700);

        assertThat(s.decide(claim, true)).isEqualTo(Result.ok);
        assertThat(s.walletOf(user)).isEqualTo(9_700 + 20_000);
        assertThat(s.claimsAccount()).isEqualTo(-20_000);
        assertThat(s.insurance().claim(claim).status()).isEqualTo("paid");

        assertThat(s.decide(claim, true)).isEqualTo(Result.exists);
        assertThat(s.decide(claim, false)).isEqualTo(InsuranceResults.claim_already_decided);
        assertThat(s.walletOf(user)).isEqualTo(29_700);
    }

    @Test
    void aRejectedClaimMovesNothingAndFreesItsCoverage() {
        InsuranceShard s = shard();
        long user = s.newUser(1, 10_000);
        long policy = s.buy(user, security, "p1", Result.ok);
        s.now += hourNs;
        long big = s.report(policy, user, 50_000, s.now - hourNs / 2, "c1", Result.ok);
        s.report(policy, user, 1, s.now - hourNs / 2, "c2", InsuranceResults.claim_over_coverage);

        assertThat(s.decide(big, false)).isEqualTo(Result.ok);

        assertThat(s.walletOf(user)).isEqualTo(9_700);
        assertThat(s.claimsAccount()).isZero();
        assertThat(s.insurance().claim(big).status()).isEqualTo("rejected");
        s.report(policy, user, 50_000, s.now - hourNs / 2, "c3", Result.ok);
    }

    @Test
    void aLossIsClaimedWithin72HoursOfItAndWithinThePolicysTerm() {
        InsuranceShard s = shard();
        long user = s.newUser(1, 10_000);
        long bought = s.now;
        long policy = s.buy(user, security, "p1", Result.ok);
        s.now = bought + 100 * hourNs;

        s.report(policy, user, 100, s.now - 72 * hourNs - 1, "late", InsuranceResults.claim_window_passed);
        s.report(policy, user, 100, bought - 1, "before", InsuranceResults.loss_outside_policy_term);
        s.report(policy, user, 100, s.now + hourNs, "future", InsuranceResults.loss_outside_policy_term);
        s.report(policy, user, 100, s.now - 1, "other-user", Result.ok);
        assertThat(s.one(new io.atta.core.insurance.ReportClaim(InsuranceIds.claim(policy, "x"), policy,
                InsuranceShard.user(2), 100, s.now - 1, ""))).isEqualTo(InsuranceResults.policy_not_found);
        // Exactly 72 h after the loss is still within the window (the report's own time).
        long loss = s.now + 1_000_000L - 72 * hourNs;
        s.report(policy, user, 100, loss, "edge", Result.ok);
    }

    @Test
    void aPolicyIsBoughtOnlyWithThePremiumAndOnlyOfAPolicyProduct() {
        InsuranceShard s = shard();
        long poor = s.newUser(1, 299);

        s.buy(poor, security, "p1", Result.insufficient_funds);
        s.buy(poor, rs, "p2", InsuranceResults.insurance_kind_mismatch);
        s.buy(poor, "NONE", "p3", InsuranceResults.insurance_product_not_found);

        assertThat(s.walletOf(poor)).isEqualTo(299);
        assertThat(s.insurance().policiesOf(poor)).isEmpty();
    }

    @Test
    void mutualAidSharesApprovedClaimsAmongMembersAtThePeriodsEnd() {
        InsuranceShard s = shard();
        long a = s.newUser(1, 10_000);
        long b = s.newUser(2, 10_000);
        long c = s.newUser(3, 10_000);
        long pa = s.buy(a, aid, "join", Result.ok);
        s.buy(b, aid, "join", Result.ok);
        s.buy(c, aid, "join", Result.ok);
        s.buy(a, aid, "again", Result.exists_with_different_fields);
        long claim = s.report(pa, a, 1_000, s.now - 1, "c1", Result.ok);
        assertThat(s.decide(claim, true)).isEqualTo(Result.ok);
        assertThat(s.insurance().claim(claim).status()).isEqualTo("approved");
        assertThat(s.walletOf(a)).isEqualTo(10_000);

        s.tickAt(t0 + 24 * 3600 * InsuranceShard.secondNs);

        // 1,000 over 3: 334 for the first in joining order (period 0), 333 for the others.
        assertThat(s.walletOf(a)).isEqualTo(10_000 - 334 + 1_000);
        assertThat(s.walletOf(b)).isEqualTo(10_000 - 333);
        assertThat(s.walletOf(c)).isEqualTo(10_000 - 333);
        assertThat(s.claimsAccount()).isZero();
        assertThat(s.insurance().claim(claim).status()).isEqualTo("paid");
        ProductView row = s.insurance().product(aid);
        assertThat(row.sharesTotal()).isEqualTo(1_000);
        assertThat(row.closedPeriods()).isEqualTo(1);
    }

    @Test
    void aMemberWhoCannotPayItsShareLapsesAndTheInsurerBearsIt() {
        InsuranceShard s = shard();
        long a = s.newUser(1, 10_000);
        long poor = s.newUser(2, 100);
        long pa = s.buy(a, aid, "join", Result.ok);
        long pp = s.buy(poor, aid, "join", Result.ok);
        long claim = s.report(pa, a, 1_001, s.now - 1, "c1", Result.ok);
        s.decide(claim, true);

        s.tickAt(t0 + 24 * 3600 * InsuranceShard.secondNs);

        assertThat(s.walletOf(a)).isEqualTo(10_000 - 501 + 1_001);
        assertThat(s.walletOf(poor)).isEqualTo(100);
        assertThat(s.claimsAccount()).isEqualTo(-500);
        assertThat(s.insurance().policy(pp).status()).isEqualTo("lapsed");
        ProductView row = s.insurance().product(aid);
        assertThat(row.sharesTotal() + row.borneTotal()).isEqualTo(1_001);
        assertThat(row.activeMembers()).isEqualTo(1);
        s.report(pp, poor, 10, s.now - 1, "lapsed", InsuranceResults.policy_lapsed);
    }

    @Test
    void theInsuranceSectionIsSnapshottedRestoredAndHashed() throws IOException {
        InsuranceShard s = shard();
        long buyer = s.newUser(1, 100_000);
        long trade = InsuranceShard.tradeNo(buyer, 1);
        s.createAndPay(trade, buyer, 5_000, rs);
        long policy = s.buy(buyer, security, "p", Result.ok);
        s.report(policy, buyer, 10, s.now - 1, "c", Result.ok);
        s.buy(buyer, aid, "m", Result.ok);
        s.one(new CoverTrade(InsuranceShard.tradeNo(buyer, 2), buyer, rs));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(s.ledger, new DataOutputStream(bytes));
        ShardLedger b = new ShardLedger(0, 0, slot -> true, new InMemoryTransferStore());

        LedgerSnapshot.read(b, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(b.stateHash()).isEqualTo(s.ledger.stateHash());
        assertThat(s.replay().stateHash()).as("a replay of the log").isEqualTo(s.ledger.stateHash());
        InsuranceModule restored = b.module(InsuranceModule.class);
        assertThat(restored.policiesOf(buyer)).isEqualTo(s.insurance().policiesOf(buyer));
        assertThat(restored.product(rs)).isEqualTo(s.insurance().product(rs));
        assertThat(restored.claimsOf(policy)).isEqualTo(s.insurance().claimsOf(policy));
    }
}
