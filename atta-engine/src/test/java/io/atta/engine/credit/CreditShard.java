package io.atta.engine.credit;

import io.atta.core.Currency;
import io.atta.core.Funding;
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
import io.atta.core.credit.AdjustCreditLender;
import io.atta.core.credit.OpenCreditLine;
import io.atta.core.credit.SetKyc;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeOp;
import io.atta.engine.ShardModules;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;

import io.atta.engine.ledger.LedgerSnapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A standalone shard with every standard module, fed through the build's codec: users with a
 * year-old wallet, a merchant, and helpers to pay trades with credit, refund them and read the
 * line (Asia/Shanghai local times, as credit's calendar).
 */
final class CreditShard {
    static final int cny = Currency.CNY.ledger();
    static final long seller = Ids.compose(1, Ids.firstUserLocalId + 1);
    static final long sellerWallet = seller + 1;
    static final long sellerSettlement = seller + 2;
    static final int feePpm = 6_000;
    private static final int payTimeoutSeconds = 900;

    final InMemoryTransferStore store;
    final ShardLedger ledger;
    private long nextId = 1;
    private long nextTrade = 1;

    CreditShard() {
        this(ShardModules.standard());
    }

    CreditShard(List<Function<ShardServices, ShardModule>> modules) {
        store = new InMemoryTransferStore();
        ledger = new ShardLedger(0, 0, s -> true, store, modules);
    }

    private CreditShard(InMemoryTransferStore store, byte[] snapshot, long nextId, long nextTrade) throws IOException {
        this.store = store;
        this.ledger = new ShardLedger(0, 0, s -> true, store);
        LedgerSnapshot.read(ledger, new DataInputStream(new ByteArrayInputStream(snapshot)));
        this.nextId = nextId;
        this.nextTrade = nextTrade;
    }

    /** A shard restored from this one's snapshot and a copy of its transfer store, its id counters where these are. */
    CreditShard restored() throws IOException {
        return new CreditShard(store.copy(), snapshot(), nextId, nextTrade);
    }

    byte[] snapshot() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(ledger, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** The standard modules with credit knowing {@code extra} scorecards besides v1. */
    static List<Function<ShardServices, ShardModule>> withScorecards(Scorecard... extra) {
        List<Scorecard> models = new ArrayList<>(List.of(new ScorecardV1()));
        models.addAll(List.of(extra));
        return ShardModules.standardWith("credit", s -> new CreditModule(s, models));
    }

    static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CreditCalendar.zone).toInstant().toEpochMilli() * 1_000_000L;
    }

    static long at(LocalDate date, int hour) {
        return date.atTime(hour, 0).atZone(CreditCalendar.zone).toInstant().toEpochMilli() * 1_000_000L;
    }

    static long user(int i) {
        return Ids.compose(2, Ids.firstUserLocalId + 2L * i);
    }

    static long wallet(int i) {
        return user(i) + 1;
    }

    Result[] apply(long ts, Command... commands) {
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(BatchCodec.encode(ts, List.of(commands))));
        return ledger.apply(b.timestamp(), b.commands());
    }

    Result one(long ts, Command c) {
        return apply(ts, c)[0];
    }

    void ok(long ts, Command... commands) {
        Result[] rs = apply(ts, commands);
        for (int i = 0; i < rs.length; i++) {
            if (rs[i] != Result.ok) {
                throw new IllegalStateException(commands[i] + ": " + rs[i]);
            }
        }
    }

    /** The merchant every trade pays. */
    void merchant(long ts) {
        ok(ts, new CreateUser(seller, sellerWallet, cny, 9, 9, 9, 9));
        ok(ts, new CreateAccount(sellerSettlement, seller, cny, 10, 0, 0));
        ok(ts, new CreateMerchant(seller, sellerSettlement, feePpm, "Teahouse", "https://teahouse.example/notify",
                "secret"));
    }

    /** User i with {@code money} in its wallet. */
    void user(long ts, int i, long money) {
        ok(ts, new CreateUser(user(i), wallet(i), cny, i + 1, 2, 3, 4));
        if (money > 0) {
            topUp(ts, i, money);
        }
    }

    void topUp(long ts, int i, long money) {
        ok(ts, new CreateTransfer(Ids.compose(2, Ids.firstUserLocalId + 1_000_000 + nextId++),
                HouseAccount.bankFunding.id(0, Currency.CNY), wallet(i), money, cny, 1, 0, 0, 0, 0, 0));
    }

    /** User i spends {@code amount} from its wallet (to the seller's wallet). */
    void spend(long ts, int i, long amount) {
        ok(ts, new CreateTransfer(Ids.compose(2, Ids.firstUserLocalId + 1_000_000 + nextId++), wallet(i),
                sellerWallet, amount, cny, 1, 0, 0, 0, 0, 0));
    }

    /** A user who scores 650 a year after {@code created}: verified, 20,000 yuan, 1,000 yuan spent. */
    void goodUser(long created, int i) {
        user(created, i, 2_000_000);
        spend(created, i, 100_000);
        ok(created, new SetKyc(user(i), 3));
    }

    void feedLender(long ts, long amount) {
        ok(ts, new AdjustCreditLender("feed-" + nextId++, cny, amount, true, "credit pay funding"));
    }

    Result open(long ts, int i, boolean autoRepay) {
        return one(ts, new OpenCreditLine(user(i), "line-" + i, 1, autoRepay));
    }

    /** A trade of {@code amount} created and paid by user i with credit pay: the result of the payment. */
    Result payWithCredit(long ts, int i, long tradeNo, long amount) {
        return pay(ts, i, tradeNo, amount, Funding.credit_pay.code());
    }

    Result pay(long ts, int i, long tradeNo, long amount, int funding) {
        Result[] r = apply(ts, new CreateTrade(tradeNo, seller, "out-" + tradeNo, user(i), amount, cny,
                        GoodsType.physical.code(), payTimeoutSeconds, true, "Longjing tea"),
                new PayTrade(tradeNo, seller, "out-" + tradeNo, user(i), wallet(i), amount, cny,
                        GoodsType.physical.code(), PayTrade.deadlineOfOrderHere, sellerSettlement, feePpm, funding,
                        true, TradeKind.escrow.code(), 0, "Longjing tea", 0));
        if (r[0] != Result.ok) {
            throw new IllegalStateException("trade " + tradeNo + ": " + r[0]);
        }
        return r[1];
    }

    long nextTradeNo() {
        return Ids.compose(6, 1_000 + nextTrade++);
    }

    /** The seller refunds {@code amount} of a paid trade. */
    Result refund(long ts, long tradeNo, long refundId, long amount) {
        return one(ts, new TradeAction(tradeNo, TradeOp.refund, seller, refundId, amount, "out of stock",
                "req-" + refundId));
    }

    void tick(long ts) {
        apply(ts, Tick.instance);
    }

    CreditModule credit() {
        return ledger.module(CreditModule.class);
    }

    CreditLineView line(int i) {
        return credit().line(user(i));
    }

    long walletBalance(int i) {
        return balance(wallet(i));
    }

    /** The wallet's balance less what trades hold. */
    long walletAvailable(int i) {
        return ledger.account(wallet(i)).available();
    }

    long lender() {
        return credit().lenderBalance(cny);
    }

    long balance(long account) {
        AccountState a = ledger.account(account);
        return a == null ? 0 : a.balance();
    }

    /** Every ledger's posted debits equal its posted credits. */
    boolean balanced() {
        for (long[] t : ledger.totalsByLedger().values()) {
            if (t[0] != t[1] || t[2] != t[3]) {
                return false;
            }
        }
        return true;
    }
}
