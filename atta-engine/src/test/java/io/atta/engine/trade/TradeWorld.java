package io.atta.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.BindTradeBuyer;
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
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeOp;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;
import java.util.function.Function;

/**
 * A shard with one merchant, three buyers and a stranger, built through the ledger's own
 * commands: the starting point of the trade tests. The shard serves every slot but
 * {@link #foreignSlot}; its home slot is 0, so its escrow and fee accounts are those of slot 0.
 * Both records of a trade (the order and the paid trade) live here.
 *
 * <p>After {@link #build()}: the seller is a merchant at {@link #feePpm}; {@link #buyer} and
 * {@link #otherBuyer} have {@link #funds} in their wallets, {@link #poorBuyer} {@link #poorFunds};
 * nothing is held, no receivable is open, no fee is taken.
 */
final class TradeWorld {
    static final int foreignSlot = 9;
    static final int tradeSlot = 6;
    static final long t0 = 1_700_000_000_000_000_000L;
    static final long secondNs = 1_000_000_000L;
    static final long dayNs = 24 * 3600 * secondNs;
    static final long batchSpacingNs = 1_000_000L;
    static final int cny = Currency.CNY.ledger();
    static final int usd = Currency.USD.ledger();
    private static final long first = Ids.firstUserLocalId;

    static final long seller = Ids.compose(1, first + 1);
    static final long sellerWallet = Ids.compose(1, first + 2);
    static final long sellerSettlement = Ids.compose(1, first + 3);
    static final long buyer = Ids.compose(2, first + 1);
    static final long buyerWallet = Ids.compose(2, first + 2);
    static final long otherBuyer = Ids.compose(3, first + 1);
    static final long otherBuyerWallet = Ids.compose(3, first + 2);
    static final long poorBuyer = Ids.compose(4, first + 1);
    static final long poorBuyerWallet = Ids.compose(4, first + 2);
    static final long stranger = Ids.compose(5, first + 1);
    static final long strangerWallet = Ids.compose(5, first + 2);
    static final long strangerAccount = Ids.compose(5, first + 3);
    static final long bank = HouseAccount.bankFunding.id(0, Currency.CNY);
    static final long escrow = HouseAccount.escrow.id(0, Currency.CNY);
    static final long fees = HouseAccount.fees.id(0, Currency.CNY);

    static final int feePpm = 6_000;
    static final long funds = 100_000;
    static final long poorFunds = 50;
    /** The price of the standard trade, and its fee at {@link #feePpm}. */
    static final long price = 10_000;
    static final long priceFee = 60;
    static final int payTimeoutSeconds = 15 * 60;
    /** The refund window of the instant trades the edge pays here. */
    static final long windowSeconds = 7 * 24 * 3600;
    /** The seller's gateway app (in the seller's slot), and where its orders' notifications go. */
    static final long app = Ids.compose(1, first + 50);
    static final String notifyUrl = "https://teahouse.example/alipay/notify";
    static final String returnUrl = "https://teahouse.example/paid";
    static final String carrier = "SF Express";
    static final String trackingNo = "SF1001";

    static final long T1 = tradeNo(1);
    static final long T2 = tradeNo(2);
    static final long R1 = 501;
    static final long R2 = 502;
    static final long R3 = 503;

    final InMemoryTransferStore store = new InMemoryTransferStore();
    final ShardLedger ledger = new ShardLedger(0, 0, slot -> slot != foreignSlot, store);
    long now = t0;

    /** A command that is built from the world as it stands when the batch is applied. */
    interface Step extends Function<TradeWorld, Command> {
    }

    /** The buyer's available balance, the escrow's holds, the seller's receivable and the fee income (CNY). */
    record Money(long buyerAvailable, long held, long receivable, long fees) {
    }

    private TradeWorld() {
    }

    static TradeWorld build() {
        TradeWorld w = new TradeWorld();
        w.ok(new CreateUser(seller, sellerWallet, cny, 1, 1, 1, 1), new CreateUser(buyer, buyerWallet, cny, 2, 2, 2, 2),
                new CreateUser(otherBuyer, otherBuyerWallet, cny, 3, 3, 3, 3),
                new CreateUser(poorBuyer, poorBuyerWallet, cny, 4, 4, 4, 4),
                new CreateUser(stranger, strangerWallet, cny, 5, 5, 5, 5));
        w.ok(new CreateAccount(sellerSettlement, seller, cny, 10, 0, 0),
                new CreateAccount(strangerAccount, stranger, cny, 10, 0, 0),
                topUp(1, buyerWallet, funds), topUp(2, otherBuyerWallet, funds), topUp(3, poorBuyerWallet, poorFunds));
        w.ok(merchant());
        return w;
    }

    static CreateMerchant merchant() {
        return new CreateMerchant(seller, sellerSettlement, feePpm, "Teahouse", "https://teahouse.example/notify",
                "secret");
    }

    static CreateTransfer topUp(long id, long wallet, long amount) {
        return new CreateTransfer(id, bank, wallet, amount, cny, 1, 0, 0, 0, 0, 0);
    }

    static long tradeNo(int n) {
        return Ids.compose(tradeSlot, 1_000 + n);
    }

    // ---- Commands ----

    /** The standard trade: {@link #price} CNY of physical goods from the seller, notifying it. */
    static CreateTrade createTrade(long tradeNo, long buyerUserId) {
        return createTrade(tradeNo, buyerUserId, price, GoodsType.physical);
    }

    static CreateTrade createTrade(long tradeNo, long buyerUserId, long amount, GoodsType goods) {
        return new CreateTrade(tradeNo, seller, "out-" + tradeNo, buyerUserId, amount, cny, goods.code(),
                payTimeoutSeconds, true, "Longjing tea, 250 g");
    }

    /** An instant trade of {@link #price} CNY, as the REST API would create one (no gateway app). */
    static CreateTrade createInstant(long tradeNo, long buyerUserId) {
        return new CreateTrade(tradeNo, seller, "out-" + tradeNo, buyerUserId, price, cny,
                GoodsType.physical.code(), payTimeoutSeconds, true, "Longjing tea, 250 g", 0, "", "",
                TradeKind.instant.code());
    }

    /** A trade of the gateway: created by {@link #app}, its notifications to {@link #notifyUrl}. */
    static CreateTrade createGatewayTrade(long tradeNo, long buyerUserId, TradeKind kind) {
        return new CreateTrade(tradeNo, seller, "out-" + tradeNo, buyerUserId, price, cny,
                GoodsType.virtual.code(), payTimeoutSeconds, true, "Longjing tea, 250 g", app, notifyUrl,
                returnUrl, kind.code());
    }

    /** {@code payer} pays the trade from its wallet, with the terms the edge reads from the order and the merchant. */
    static Step pay(long tradeNo, long payer) {
        return w -> w.payCommand(tradeNo, payer, walletOf(payer), PayTrade.fundingWallet);
    }

    Command payCommand(long tradeNo, long payer, long wallet, int fundingSource) {
        OrderView o = ledger.trades().order(tradeNo);
        assertThat(o).as("order %d", tradeNo).isNotNull();
        return payCommand(tradeNo, payer, wallet, fundingSource, o.kind() == TradeKind.instant ? windowSeconds : 0);
    }

    /** As the edge pays, with a refund window of its choosing. */
    Command payCommand(long tradeNo, long payer, long wallet, int fundingSource, long refundWindowSeconds) {
        OrderView o = ledger.trades().order(tradeNo);
        assertThat(o).as("order %d", tradeNo).isNotNull();
        io.atta.engine.trade.Merchant m = ledger.trades().merchant(o.merchantId());
        return new PayTrade(tradeNo, o.merchantId(), o.outTradeNo(), payer, wallet, o.amount(), o.ledger(),
                o.goodsType().code(), o.payDeadline(), m.settlementAccountId(), m.feeRatePpm(), fundingSource,
                o.notifyMerchant(), o.kind().code(), refundWindowSeconds, o.subject(), o.createdAt())
                .withGatewayTerms(o.appId(), o.notifyUrl());
    }

    static long walletOf(long user) {
        return Ids.compose(Ids.slotOf(user), Ids.localOf(user) + 1);
    }

    static BindTradeBuyer bind(long tradeNo, long buyerUserId) {
        return new BindTradeBuyer(tradeNo, buyerUserId);
    }

    static TradeAction action(long tradeNo, TradeOp op, long actor, long refundId, long amount, String text1,
                              String text2) {
        return new TradeAction(tradeNo, op, actor, refundId, amount, text1, text2);
    }

    /** The same action asked by someone else. */
    static TradeAction by(long actor, TradeAction a) {
        return new TradeAction(a.tradeNo(), a.op(), actor, a.refundId(), a.amount(), a.text1(), a.text2());
    }

    static TradeAction ship(long tradeNo) {
        return ship(tradeNo, trackingNo);
    }

    static TradeAction ship(long tradeNo, String tracking) {
        return action(tradeNo, TradeOp.ship, seller, 0, 0, carrier, tracking);
    }

    static TradeAction confirm(long tradeNo) {
        return action(tradeNo, TradeOp.confirm, buyer, 0, 0, "", "");
    }

    static TradeAction extend(long tradeNo, long seconds) {
        return action(tradeNo, TradeOp.extendConfirm, seller, 0, seconds, "", "");
    }

    /** The close of an order no buyer is bound to. */
    static TradeAction closeOrder(long tradeNo) {
        return closeOrder(tradeNo, 0);
    }

    /** The close of an order bound to {@code buyer}, after its buyer's shard recorded it. */
    static TradeAction closeOrder(long tradeNo, long buyer) {
        return action(tradeNo, TradeOp.closeOrder, seller, 0, buyer, "sold out", "");
    }

    /** The record on the buyer's shard that an unpaid trade was closed (the merchant id travels in amount). */
    static TradeAction closeUnpaid(long tradeNo) {
        return action(tradeNo, TradeOp.closeUnpaid, seller, 0, seller, "sold out", "out-" + tradeNo);
    }

    static TradeAction requestRefund(long tradeNo, long refundId, long amount) {
        return action(tradeNo, TradeOp.requestRefund, buyer, refundId, amount, "too small", "req-" + refundId);
    }

    static TradeAction agree(long tradeNo, long refundId) {
        return action(tradeNo, TradeOp.agreeRefund, seller, refundId, 0, "", "");
    }

    static TradeAction reject(long tradeNo, long refundId) {
        return action(tradeNo, TradeOp.rejectRefund, seller, refundId, 0, "it was used", "");
    }

    static TradeAction cancel(long tradeNo, long refundId) {
        return action(tradeNo, TradeOp.cancelRefund, buyer, refundId, 0, "", "");
    }

    static TradeAction dispute(long tradeNo, long refundId) {
        return action(tradeNo, TradeOp.dispute, buyer, refundId, 0, "the seller does not answer", "");
    }

    /** The seller refunds at once (the gateway's refund): out_request_no "req-" + the refund id. */
    static TradeAction sellerRefund(long tradeNo, long refundId, long amount) {
        return action(tradeNo, TradeOp.refund, seller, refundId, amount, "out of stock", "req-" + refundId);
    }

    /** The operator's decision: for the buyer (the money goes back) or for the seller. */
    static TradeAction decide(long tradeNo, long refundId, boolean forBuyer) {
        return action(tradeNo, TradeOp.decideDispute, 0, refundId, forBuyer ? 1 : 0, forBuyer ? "" : "as described",
                "");
    }

    // ---- Situations ----

    TradeWorld unpaid(long tradeNo) {
        ok(createTrade(tradeNo, 0));
        return this;
    }

    TradeWorld bound(long tradeNo) {
        ok(createTrade(tradeNo, buyer));
        return this;
    }

    TradeWorld paid(long tradeNo) {
        bound(tradeNo);
        ok(pay(tradeNo, buyer));
        return this;
    }

    TradeWorld shipped(long tradeNo) {
        paid(tradeNo);
        ok(ship(tradeNo));
        return this;
    }

    /** An instant trade paid by the buyer: released to the seller at once, refundable for {@link #windowSeconds}. */
    TradeWorld instantPaid(long tradeNo) {
        ok(createInstant(tradeNo, buyer));
        ok(pay(tradeNo, buyer));
        return this;
    }

    TradeWorld finished(long tradeNo) {
        shipped(tradeNo);
        ok(confirm(tradeNo));
        return this;
    }

    // ---- Applying ----

    /** Applies one batch at the current time, then moves the clock on by {@link #batchSpacingNs}. */
    Result[] apply(Object... steps) {
        Result[] results = ledger.apply(now, commands(steps));
        now += batchSpacingNs;
        return results;
    }

    Command[] commands(Object... steps) {
        Command[] out = new Command[steps.length];
        for (int i = 0; i < steps.length; i++) {
            out[i] = steps[i] instanceof Step s ? s.apply(this) : (Command) steps[i];
        }
        return out;
    }

    TradeWorld ok(Object... steps) {
        assertThat(apply(steps)).as("setup batch %s", java.util.Arrays.toString(steps)).containsOnly(Result.ok);
        return this;
    }

    TradeWorld tick() {
        return ok(Tick.instance);
    }

    TradeWorld advanceSeconds(long seconds) {
        now += seconds * secondNs;
        return this;
    }

    /** Moves the clock so that the next batch is applied exactly at {@code ts}. */
    TradeWorld at(long ts) {
        assertThat(ts).as("the clock only moves on").isGreaterThan(ledger.lastTimestamp());
        now = ts;
        return this;
    }

    // ---- Reads ----

    TradeView trade(long tradeNo) {
        return ledger.trades().trade(tradeNo);
    }

    OrderView order(long tradeNo) {
        return ledger.trades().order(tradeNo);
    }

    RefundView refund(long tradeNo, long refundId) {
        return trade(tradeNo).refunds().stream().filter(r -> r.refundId() == refundId).findFirst().orElseThrow();
    }

    AccountState account(long id) {
        return ledger.account(id);
    }

    long available(long account) {
        return ledger.account(account).available();
    }

    /** The seller's receivable on this shard in CNY, or 0 before it is opened. */
    long receivable() {
        return ledger.trades().receivables().stream().filter(r -> r.merchantId() == seller && r.ledger() == cny)
                .mapToLong(r -> ledger.account(r.accountId()).balance()).sum();
    }

    Money money() {
        return new Money(available(buyerWallet), account(escrow).creditsPending(), receivable(),
                account(fees).balance());
    }

    /**
     * What every applied point must satisfy: debits equal credits in every ledger, the escrow
     * account's pending credits are exactly what the trades hold, and nothing stays posted in escrow.
     */
    void assertInvariants() {
        ledger.totalsByLedger().forEach((ledgerId, t) -> {
            assertThat(t[0]).as("ledger %d debits posted vs credits posted", ledgerId).isEqualTo(t[1]);
            assertThat(t[2]).as("ledger %d debits pending vs credits pending", ledgerId).isEqualTo(t[3]);
        });
        for (Currency c : Currency.values()) {
            AccountState e = account(HouseAccount.escrow.id(0, c));
            long held = ledger.trades().heldByLedger().getOrDefault(c.ledger(), 0L);
            assertThat(e.creditsPending()).as("escrow %s pending credits vs what trades hold", c).isEqualTo(held);
            assertThat(e.debitsPending()).as("escrow %s pending debits", c).isZero();
            assertThat(e.debitsPosted()).as("escrow %s posted debits vs credits", c).isEqualTo(e.creditsPosted());
        }
    }
}
