package io.atta.engine.trade;

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
import io.atta.core.command.Tick;
import io.atta.core.command.TradeAction;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeLimits;
import io.atta.core.trade.TradeOp;
import io.atta.core.trade.TradeStatus;
import io.atta.engine.ledger.HouseAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random batches of trade commands for {@link TradeModelTest}: creates (escrow and
 * instant, some with a gateway notify URL), binds, payments and every {@link TradeOp} over a few buyers (one paying in USD) and merchants (fees of 0,
 * 0.6 % and 10 %), aimed mostly at trades where the command makes sense and sometimes anywhere,
 * with the wrong party, or with a wrong amount, now and then with a merchant as its own buyer;
 * top-ups, a few with an id in a slot the shard does not own; and ticks after steps of time from
 * milliseconds to days, so that every time rule fires. The same seed draws the same batches.
 */
final class RandomTradeBatches {
    private static final long first = Ids.firstUserLocalId;
    /** The one slot the shard under test does not own: a transfer id there is refused. */
    static final int foreignSlot = 9;
    static final long t0 = 1_700_000_000_000_000_000L;
    private static final long secondNs = 1_000_000_000L;

    record Batch(long timestamp, Command[] commands) {
    }

    final long[] buyers = {user(1), user(2), user(3), user(4)};
    final long[] merchants = {user(11), user(12), user(13)};
    private final int[] merchantFees = {TradeLimits.defaultFeeRatePpm, 0, TradeLimits.maxFeeRatePpm};
    private final SplittableRandom random;
    private long now = t0;
    private int nextTrade = 1;
    private long nextTransferId = 1;
    private long nextRefundId = 1;

    RandomTradeBatches(long seed) {
        random = new SplittableRandom(seed);
    }

    private static long user(int n) {
        return Ids.compose(n, first + 1);
    }

    static long walletOf(long user) {
        return Ids.compose(Ids.slotOf(user), first + 2);
    }

    private static long settlementOf(long merchant) {
        return Ids.compose(Ids.slotOf(merchant), first + 3);
    }

    /** The last buyer's wallet is in USD; every other wallet in CNY. */
    int ledgerOf(long user) {
        return user == buyers[buyers.length - 1] ? Currency.USD.ledger() : Currency.CNY.ledger();
    }

    /** The users, merchants and first top-ups, as one batch; the model learns them from {@link #teach}. */
    Batch setup() {
        List<Command> c = new ArrayList<>();
        for (long b : buyers) {
            c.add(new CreateUser(b, walletOf(b), ledgerOf(b), b, 0, 0, 0));
        }
        for (int i = 0; i < merchants.length; i++) {
            long m = merchants[i];
            c.add(new CreateUser(m, walletOf(m), Currency.CNY.ledger(), m, 0, 0, 0));
            c.add(new CreateAccount(settlementOf(m), m, Currency.CNY.ledger(), 10, 0, 0));
            c.add(new CreateMerchant(m, settlementOf(m), merchantFees[i], "Shop " + i, "", ""));
        }
        for (long b : buyers) {
            c.add(topUp(b, 15_000));
        }
        return next(c);
    }

    /** Tells the model what {@link #setup} made: wallets empty (the top-ups follow as transfers) and merchants. */
    void teach(TradeModel model) {
        for (long b : buyers) {
            model.wallets.put(walletOf(b), new TradeModel.WalletM(b, ledgerOf(b)));
        }
        for (int i = 0; i < merchants.length; i++) {
            long m = merchants[i];
            model.wallets.put(walletOf(m), new TradeModel.WalletM(m, Currency.CNY.ledger()));
            model.merchants.put(m, new TradeModel.MerchantM(m, settlementOf(m), merchantFees[i]));
        }
    }

    private CreateTransfer topUp(long user, long amount) {
        Currency c = Currency.ofLedger(ledgerOf(user));
        return new CreateTransfer(Ids.compose(0, nextTransferId++), HouseAccount.bankFunding.id(0, c), walletOf(user),
                amount, c.ledger(), 1, 0, 0, 0, 0, 0);
    }

    /** A top-up whose id is in a slot the shard does not own: refused, whatever else it says. */
    private CreateTransfer topUpInForeignSlot(long user, long amount) {
        CreateTransfer t = topUp(user, amount);
        return new CreateTransfer(Ids.compose(foreignSlot, Ids.localOf(t.id())), t.debitAccountId(),
                t.creditAccountId(), t.amount(), t.ledger(), t.code(), 0, 0, 0, 0, 0);
    }

    private Batch next(List<Command> commands) {
        Batch b = new Batch(now, commands.toArray(Command[]::new));
        now += step();
        return b;
    }

    /** Mostly seconds, sometimes hours, now and then days: every deadline comes. */
    private long step() {
        int kind = random.nextInt(20);
        if (kind < 14) {
            return 1 + random.nextLong(60 * secondNs);
        } else if (kind < 18) {
            return random.nextLong(3 * 3600 * secondNs);
        }
        return random.nextLong(6 * 24 * 3600 * secondNs);
    }

    Batch next(TradeModel model) {
        int n = 1 + random.nextInt(6);
        List<Command> c = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            c.add(command(model));
        }
        if (random.nextInt(3) == 0) {
            c.add(Tick.instance);
        }
        return next(c);
    }

    private Command command(TradeModel model) {
        int kind = random.nextInt(100);
        if (kind < 2) {
            boolean foreign = random.nextInt(6) == 0;
            long amount = 1 + random.nextLong(10_000);
            return foreign ? topUpInForeignSlot(pick(buyers), amount) : topUp(pick(buyers), amount);
        } else if (kind < 18 || model.orders.isEmpty()) {
            return create(model);
        } else if (kind < 24) {
            return new BindTradeBuyer(someOrder(model), someBuyer());
        } else if (kind < 38) {
            return pay(model);
        }
        return action(model);
    }

    private CreateTrade create(TradeModel model) {
        if (!model.orders.isEmpty() && random.nextInt(10) == 0) {
            CreateTrade e = model.orders.get(knownOrder(model)).terms;
            return switch (random.nextInt(4)) {
                case 0 -> e;
                case 1 -> new CreateTrade(e.tradeNo(), e.merchantId(), e.outTradeNo(), 0, e.amount(), e.ledger(),
                        e.goodsType(), e.payTimeoutSeconds(), e.notifyMerchant(), e.subject(), e.appId(),
                        e.notifyUrl(), e.returnUrl(), e.kind());
                case 2 -> new CreateTrade(e.tradeNo(), e.merchantId(), e.outTradeNo(), e.buyerUserId(), e.amount(),
                        e.ledger(), e.goodsType(), e.payTimeoutSeconds(), e.notifyMerchant(), e.subject(), e.appId(),
                        e.notifyUrl(), e.returnUrl(), 1 - e.kind());
                default -> new CreateTrade(e.tradeNo(), e.merchantId(), e.outTradeNo(), e.buyerUserId(),
                        e.amount() + 1, e.ledger(), e.goodsType(), e.payTimeoutSeconds(), e.notifyMerchant(),
                        e.subject(), e.appId(), e.notifyUrl(), e.returnUrl(), e.kind());
            };
        }
        long tradeNo = TradeWorld.tradeNo(nextTrade++);
        long merchant = pick(merchants);
        long buyer = random.nextBoolean() ? 0 : random.nextInt(30) == 0 ? merchant : pick(buyers);
        int ledger = buyer != 0 ? ledgerOf(buyer) : random.nextInt(5) == 0 ? Currency.USD.ledger()
                : Currency.CNY.ledger();
        long amount = random.nextInt(40) == 0 ? 0 : 1 + random.nextLong(random.nextBoolean() ? 1_000 : 20_000);
        int timeout = 60 + random.nextInt(3 * 3600);
        TradeKind kind = random.nextInt(4) == 0 ? TradeKind.instant : TradeKind.escrow;
        boolean gateway = random.nextInt(4) == 0;
        return new CreateTrade(tradeNo, merchant, "o-" + tradeNo, buyer, amount, ledger,
                random.nextInt(GoodsType.values().length), timeout, random.nextBoolean(), "goods " + tradeNo,
                gateway ? Ids.compose(Ids.slotOf(merchant), first + 50) : 0,
                gateway ? "http://127.0.0.1:9/notify/" + tradeNo : "", gateway ? "http://127.0.0.1:9/return" : "",
                kind.code());
    }

    private Command pay(TradeModel model) {
        TradeModel.OrderM o = model.orders.get(knownOrder(model));
        CreateTrade e = o.terms;
        long payer = o.buyer != 0 && random.nextInt(8) != 0 ? o.buyer : someBuyer();
        long wallet = random.nextInt(30) == 0 ? walletOf(pick(buyers)) : walletOf(payer);
        TradeModel.MerchantM m = model.merchants.get(e.merchantId());
        // Now and then a funding source no module of the build serves (the fund's are tested with it).
        int funding = random.nextInt(40) == 0 ? TradeModel.unservedFunding : PayTrade.fundingWallet;
        long window = e.kind() == TradeKind.escrow.code() ? 0 : refundWindow();
        return new PayTrade(e.tradeNo(), e.merchantId(), e.outTradeNo(), payer, wallet, e.amount(), e.ledger(),
                e.goodsType(), o.deadline, m.settlement(), m.feePpm(), funding, e.notifyMerchant(), e.kind(), window,
                e.subject(), o.deadline - e.payTimeoutSeconds() * secondNs).withGatewayTerms(e.appId(), e.notifyUrl());
    }

    /** Mostly hours to days, so that windows end within a run; now and then one the rules refuse. */
    private long refundWindow() {
        return switch (random.nextInt(40)) {
            case 0 -> 0;
            case 1 -> TradeLimits.maxRefundWindowSeconds + 1;
            default -> 1 + random.nextLong(10 * 24 * 3600);
        };
    }

    private TradeAction action(TradeModel model) {
        List<ModelTrade> live = model.trades.values().stream()
                .filter(t -> t.status != TradeStatus.TRADE_CLOSED && t.status != TradeStatus.TRADE_FINISHED).toList();
        int where = random.nextInt(20);
        long tradeNo;
        ModelTrade t;
        if (where == 0 || model.trades.isEmpty()) {
            tradeNo = someOrder(model);
            t = model.trades.get(tradeNo);
        } else {
            List<ModelTrade> from = where < 9 && !live.isEmpty() ? live
                    : new ArrayList<>(model.trades.values());
            t = from.get(random.nextInt(from.size()));
            tradeNo = t.tradeNo;
        }
        TradeOp op = t == null || random.nextInt(5) == 0 ? pick(TradeOp.values()) : sensibleOp(t);
        TradeModel.OrderM order = model.orders.get(tradeNo);
        long seller = t != null ? t.merchant : order != null ? order.terms.merchantId() : pick(merchants);
        long buyer = t != null ? t.buyer : pick(buyers);
        long actor = switch (op) {
            case ship, extendConfirm, agreeRefund, rejectRefund, closeOrder, closeUnpaid, refund -> seller;
            case decideDispute -> 0;
            default -> buyer;
        };
        int party = random.nextInt(12);
        if (party == 0) {
            actor = 0;
        } else if (party == 1) {
            actor = random.nextBoolean() ? pick(buyers) : pick(merchants);
        }
        return switch (op) {
            case ship -> new TradeAction(tradeNo, op, actor, 0, 0, "SF", random.nextInt(8) == 0 ? "X2" : "X1");
            case extendConfirm -> new TradeAction(tradeNo, op, actor, 0, extension(), "", "");
            case requestRefund, refund -> {
                long id = t != null && !t.refunds.isEmpty() && random.nextInt(8) == 0
                        ? t.refunds.get(random.nextInt(t.refunds.size())).id : nextRefundId++;
                yield new TradeAction(tradeNo, op, actor, id, refundAmount(t), random.nextInt(10) == 0 ? "b" : "a",
                        "r-" + id);
            }
            case closeOrder -> new TradeAction(tradeNo, op, actor, 0,
                    order != null && random.nextInt(6) != 0 ? order.buyer : pick(buyers), "closed", "o-" + tradeNo);
            case closeUnpaid -> new TradeAction(tradeNo, op, actor, 0, seller, "closed", "o-" + tradeNo);
            case decideDispute -> new TradeAction(tradeNo, op, actor, refundId(t), random.nextInt(2), "", "");
            default -> new TradeAction(tradeNo, op, actor, refundId(t), 0, "why", "");
        };
    }

    /** An op that may well apply to the trade as the model has it. */
    private TradeOp sensibleOp(ModelTrade t) {
        ModelTrade.Refund open = t.open();
        if (open != null && random.nextInt(3) != 0) {
            return pick(new TradeOp[] {TradeOp.agreeRefund, TradeOp.rejectRefund, TradeOp.cancelRefund,
                TradeOp.dispute, TradeOp.decideDispute});
        }
        boolean rejected = t.refunds.stream().anyMatch(r -> r.status == RefundStatus.rejected);
        if (rejected && random.nextInt(4) == 0) {
            return TradeOp.dispute;
        }
        return switch (t.status) {
            case WAIT_SELLER_SEND_GOODS -> pick(new TradeOp[] {TradeOp.requestRefund, TradeOp.refund, TradeOp.ship,
                TradeOp.ship, TradeOp.ship});
            case WAIT_BUYER_CONFIRM_GOODS -> pick(new TradeOp[] {TradeOp.confirm, TradeOp.requestRefund,
                TradeOp.extendConfirm, TradeOp.ship, TradeOp.ship, TradeOp.refund});
            case TRADE_SUCCESS -> pick(new TradeOp[] {TradeOp.refund, TradeOp.refund, TradeOp.requestRefund,
                TradeOp.confirm});
            case TRADE_FINISHED -> pick(new TradeOp[] {TradeOp.requestRefund, TradeOp.confirm, TradeOp.refund});
            default -> pick(TradeOp.values());
        };
    }

    private long extension() {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> TradeLimits.maxConfirmExtensionSeconds + 1;
            case 2 -> TradeLimits.maxConfirmExtensionSeconds;
            default -> 1 + random.nextLong(5 * 24 * 3600);
        };
    }

    private long refundAmount(ModelTrade t) {
        long refundable = t == null ? 100 : t.amount - t.refunded;
        return switch (random.nextInt(8)) {
            case 0 -> refundable;
            case 1 -> refundable + 1;
            case 2 -> 0;
            default -> 1 + random.nextLong(Math.max(1, refundable));
        };
    }

    private long refundId(ModelTrade t) {
        if (t == null || t.refunds.isEmpty() || random.nextInt(15) == 0) {
            return 999_999;
        }
        ModelTrade.Refund open = t.open();
        if (open != null && random.nextInt(3) != 0) {
            return open.id;
        }
        return t.refunds.get(random.nextInt(t.refunds.size())).id;
    }

    /** A known order's number, now and then one no shard knows. */
    private long someOrder(TradeModel model) {
        if (model.orders.isEmpty() || random.nextInt(30) == 0) {
            return TradeWorld.tradeNo(900_000 + random.nextInt(5));
        }
        return knownOrder(model);
    }

    private long knownOrder(TradeModel model) {
        List<Long> numbers = new ArrayList<>(model.orders.keySet());
        // Favour recent orders: they are the ones still waiting for something.
        int from = Math.max(0, numbers.size() - 12);
        return numbers.get(random.nextInt(10) == 0 ? random.nextInt(numbers.size())
                : from + random.nextInt(numbers.size() - from));
    }

    /** Mostly a buyer; now and then a merchant, which is self-dealing on its own trades. */
    private long someBuyer() {
        return random.nextInt(30) == 0 ? pick(merchants) : pick(buyers);
    }

    private long pick(long[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
