package io.atta.engine.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.PayTrade;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.command.TradeAction;
import io.atta.core.insurance.BuyPolicy;
import io.atta.core.insurance.CoverTrade;
import io.atta.core.insurance.CreateInsuranceProduct;
import io.atta.core.insurance.CreateInsurer;
import io.atta.core.insurance.DecideClaim;
import io.atta.core.insurance.InsuranceIds;
import io.atta.core.insurance.InsuranceKind;
import io.atta.core.insurance.PremiumPayer;
import io.atta.core.insurance.ReportClaim;
import io.atta.core.trade.GoodsType;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A standalone shard (it serves every slot) with the build's modules, fed through the build's
 * codec: an insurer, a merchant, users with money, and the commands the edge would send.
 */
final class InsuranceShard {
    static final int cny = Currency.CNY.ledger();
    static final long t0 = 1_800_000_000_000_000_000L;
    static final long secondNs = 1_000_000_000L;
    static final long hourNs = 3600 * secondNs;
    static final String insurer = "PICC";
    static final long insurerUser = user(900);
    static final long seller = user(800);
    static final long settlement = Ids.compose(Ids.slotOf(seller), Ids.localOf(seller) + 5);
    static final int feePpm = 6_000;
    static final long bank = HouseAccount.bankFunding.id(0, Currency.CNY);

    final ShardLedger ledger = new ShardLedger(0, 0, slot -> true, new InMemoryTransferStore());
    long now = t0;
    private long nextTopUp = 1;
    /** Every batch applied, as the log holds it: for a replay. */
    final java.util.ArrayList<byte[]> log = new java.util.ArrayList<>();

    InsuranceShard() {
        ok(new CreateUser(insurerUser, wallet(insurerUser), cny, 1, 2, 3, 4),
                new CreateUser(seller, wallet(seller), cny, 1, 2, 3, 4));
        ok(new CreateAccount(settlement, seller, cny, 10, 0, 0));
        ok(new CreateMerchant(seller, settlement, feePpm, "Teahouse", "", ""));
        ok(new CreateInsurer(insurer, "PICC Property", cny, insurerUser, wallet(insurerUser)));
    }

    /** User i: spread over slots 1..7, so ids, policies and transfers use several slots. */
    static long user(int i) {
        return Ids.compose(1 + i % 7, Ids.firstUserLocalId + 16L * i);
    }

    static long wallet(long user) {
        return user + 1;
    }

    /** User i with {@code money} in its wallet. */
    long newUser(int i, long money) {
        long u = user(i);
        ok(new CreateUser(u, wallet(u), cny, i, 2, 3, 4));
        if (money > 0) {
            ok(new CreateTransfer(Ids.compose(0, Ids.firstUserLocalId + nextTopUp++), bank, wallet(u), money, cny, 1, 0,
                    0, 0, 0, 0));
        }
        return u;
    }

    static CreateInsuranceProduct returnShipping(String code, PremiumPayer payer, int ratePpm, long min, long max,
                                                 long compensation) {
        return new CreateInsuranceProduct(code, "Return shipping", insurer, InsuranceKind.return_shipping.code(), cny,
                payer.code(), ratePpm == 0 ? min : 0, ratePpm, min, max, compensation, 0, 0, 0, t0);
    }

    static CreateInsuranceProduct accountSecurity(String code, long premium, long coverage) {
        return new CreateInsuranceProduct(code, "Account security", insurer, InsuranceKind.account_security.code(),
                cny, PremiumPayer.buyer.code(), premium, 0, 0, 0, coverage, 72 * 3600, 365 * 24 * 3600L, 0, t0);
    }

    static CreateInsuranceProduct mutualAid(String code, long periodSeconds, long coverage, long startsAt) {
        return new CreateInsuranceProduct(code, "Mutual aid", insurer, InsuranceKind.mutual_aid.code(), cny,
                PremiumPayer.buyer.code(), 0, 0, 0, 0, coverage, 30 * 24 * 3600L, 0, periodSeconds, startsAt);
    }

    // ---- Trades ----

    static long tradeNo(long buyer, int n) {
        return Ids.compose(Ids.slotOf(buyer), 10_000 + n);
    }

    Result[] createAndPay(long tradeNo, long buyer, long amount, String product) {
        Command create = new CreateTrade(tradeNo, seller, "out-" + tradeNo, buyer, amount, cny,
                GoodsType.physical.code(), 900, false, "tea");
        Command pay = new PayTrade(tradeNo, seller, "out-" + tradeNo, buyer, wallet(buyer), amount, cny,
                GoodsType.physical.code(), PayTrade.deadlineOfOrderHere, settlement, feePpm, PayTrade.fundingWallet,
                false, io.atta.core.trade.TradeKind.escrow.code(), 0, "tea", 0);
        return product == null ? apply(create, pay) : apply(new CoverTrade(tradeNo, buyer, product), create, pay);
    }

    Result ship(long tradeNo) {
        return one(TradeAction.ship(tradeNo, seller, "SF", "SF1"));
    }

    Result sellerRefund(long tradeNo, long refundId, long amount) {
        return one(TradeAction.refund(tradeNo, seller, refundId, amount, "returned", "req-" + refundId));
    }

    // ---- Policies and claims ----

    long buy(long user, String product, String requestId, Result expected) {
        long id = InsuranceIds.policy(user, requestId);
        assertThat(one(new BuyPolicy(id, user, product))).as("buy %s", requestId).isEqualTo(expected);
        return id;
    }

    long report(long policyId, long user, long amount, long lossAt, String requestId, Result expected) {
        long id = InsuranceIds.claim(policyId, requestId);
        assertThat(one(new ReportClaim(id, policyId, user, amount, lossAt, "stolen")))
                .as("claim %s", requestId).isEqualTo(expected);
        return id;
    }

    Result decide(long claimId, boolean approve) {
        return one(new DecideClaim(claimId, approve, 0, approve ? "" : "not covered"));
    }

    // ---- Applying ----

    Result[] apply(Command... commands) {
        byte[] entry = BatchCodec.encode(now, List.of(commands));
        log.add(entry);
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(entry));
        Result[] r = ledger.apply(b.timestamp(), b.commands());
        now += 1_000_000L;
        assertLedgerBalances();
        return r;
    }

    Result one(Command c) {
        return apply(c)[0];
    }

    void ok(Command... commands) {
        assertThat(apply(commands)).as("setup %s", List.of(commands)).containsOnly(Result.ok);
    }

    void tickAt(long ts) {
        now = Math.max(now, ts);
        apply(Tick.instance);
    }

    /** A fresh shard that applied this one's log again, batch by batch. */
    ShardLedger replay() {
        ShardLedger again = new ShardLedger(0, 0, slot -> true, new InMemoryTransferStore());
        for (byte[] entry : log) {
            BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(entry));
            again.apply(b.timestamp(), b.commands());
        }
        return again;
    }

    /** Conservation: every currency's balances over every account of the shard sum to zero. */
    void assertLedgerBalances() {
        Map<Integer, Long> sums = new HashMap<>();
        for (AccountState a : ledger.accounts()) {
            sums.merge(a.ledger(), a.balance(), Math::addExact);
        }
        for (var e : sums.entrySet()) {
            assertThat(e.getValue()).as("sum of balances of ledger %d", e.getKey()).isZero();
        }
    }

    // ---- Reads ----

    InsuranceModule insurance() {
        return ledger.module(InsuranceModule.class);
    }

    long balance(long account) {
        AccountState a = ledger.account(account);
        return a == null ? 0 : a.balance();
    }

    long available(long account) {
        AccountState a = ledger.account(account);
        return a == null ? 0 : a.available();
    }

    long walletOf(long user) {
        return balance(wallet(user));
    }

    long premiumAccount() {
        return balance(insurance().insurer(insurer).premiumAccount());
    }

    long claimsAccount() {
        return balance(insurance().insurer(insurer).claimsAccount());
    }

    long receivable() {
        long sum = 0;
        for (var r : ledger.trades().receivables()) {
            sum += balance(r.accountId());
        }
        return sum;
    }
}
