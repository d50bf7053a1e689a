package io.atta.server.trades;

import io.atta.core.Currency;
import io.atta.core.Funding;
import io.atta.core.command.Result;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeOp;
import io.atta.engine.trade.OrderView;
import io.atta.engine.trade.TradeView;
import io.atta.server.auth.Caller;
import io.atta.server.http.ServerLedger;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.payments.WalletDirectory;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The trade domain as other contexts reach it (the Alipay gateway, the cashier page): one trade
 * model, written through the same {@link TradeFlow} as the REST API and read through the same
 * {@link TradeReader}. A merchant acts on its own trades only; a trade of another merchant reads
 * as absent.
 */
public final class Trades {
    private final TradeFlow flow;
    private final TradeReader reader;
    private final PayRecovery recovery;
    private final List<PaymentOption> options = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Trades whose payments stop between the saga's steps only where {@link PayCrashPoints#property}
     * asks it (crash tests of a server process).
     *
     * @param refundWindowSeconds how long an instant trade may be refunded after payment
     */
    public Trades(ServerLedger ledger, MerchantDirectory merchants, long refundWindowSeconds) {
        this(ledger, merchants, refundWindowSeconds, PayCrashPoints.fromSystemProperty());
    }

    /** As {@link #Trades(ServerLedger, MerchantDirectory, long)}, with the crash points given. */
    public Trades(ServerLedger ledger, MerchantDirectory merchants, long refundWindowSeconds,
                  PayCrashPoints crashes) {
        this.flow = new TradeFlow(ledger, merchants, new WalletDirectory(ledger), new OrderDirectory(ledger),
                refundWindowSeconds, crashes);
        this.reader = new TradeReader(ledger, merchants);
        this.recovery = new PayRecovery(ledger, flow);
    }

    /** The recovery of payments stopped between their steps (the server starts and stops it). */
    public PayRecovery recovery() {
        return recovery;
    }

    /** Adds a product sold with payments, asked for by its body field (see {@link PaymentOption}). */
    public void addPaymentOption(PaymentOption option) {
        for (PaymentOption o : options) {
            if (o.field().equals(option.field())) {
                throw new IllegalStateException("two payment options read the field " + option.field());
            }
        }
        options.add(option);
    }

    List<PaymentOption> paymentOptions() {
        return options;
    }

    TradeFlow flow() {
        return flow;
    }

    TradeReader reader() {
        return reader;
    }

    /**
     * A trade to open. Its number is derived from the seller and {@code outTradeNo} (and placed
     * on the buyer's shard when the buyer is named), so a repeat names the same trade
     * ({@code exists}, or {@code exists_with_different_fields}).
     *
     * @param buyerUserId the only buyer who may pay it, or 0 for the first who does
     */
    public record Order(long sellerId, String outTradeNo, long buyerUserId, long amount, Currency currency,
                        String subject, int payTimeoutSeconds, TradeKind kind, long appId, String notifyUrl,
                        String returnUrl) {
        /** The name number of {@code outTradeNo} ({@link TradeIds#tradeNo(long, String)}). */
        public long nameNo() {
            return TradeIds.tradeNo(sellerId, outTradeNo);
        }

        public long tradeNo() {
            return TradeIds.tradeNo(sellerId, outTradeNo, buyerUserId);
        }
    }

    /** A trade as it stands, merged from its order and its buyer's shard's record. */
    public record Snapshot(OrderView order, TradeView trade, io.atta.core.trade.TradeStatus status, long closedAt) {
        public boolean paid() {
            return trade != null && trade.paidAt() != 0;
        }
    }

    /** Opens a trade (goods type {@code virtual}: the gateway's trades are instant, it never ships). */
    public CompletableFuture<Result> open(Order o) {
        return flow.create(List.of(newTrade(o))).thenApply(rs -> rs[0]);
    }

    /**
     * Opens a trade for its named buyer and pays it from the buyer's wallet in one log entry of
     * the buyer's shard: {the open's result, the payment's}, each as {@link #open} and
     * {@link #pay} would answer it.
     */
    public CompletableFuture<Result[]> openAndPay(Order o) {
        return openAndPay(o, Funding.wallet);
    }

    /** {@link #openAndPay(Order)} paid by {@code funding}. */
    public CompletableFuture<Result[]> openAndPay(Order o, Funding funding) {
        if (o.buyerUserId() == 0) {
            throw new IllegalArgumentException("order " + o.outTradeNo() + " names no buyer to pay it");
        }
        return flow.createAndPay(newTrade(o).fundedBy(funding));
    }

    private static TradeFlow.NewTrade newTrade(Order o) {
        return new TradeFlow.NewTrade(o.nameNo(), o.sellerId(), o.outTradeNo(), o.buyerUserId(), o.amount(),
                o.currency(), o.subject(), GoodsType.virtual, o.payTimeoutSeconds(), o.kind(), o.appId(),
                o.notifyUrl(), o.returnUrl(), Funding.wallet);
    }

    /** Pays a trade from the buyer's wallet. */
    public CompletableFuture<Result> pay(long tradeNo, long buyerUserId) {
        return pay(tradeNo, buyerUserId, Funding.wallet);
    }

    /** Pays a trade by {@code funding} (the wallet, or a product paying into it in the same command). */
    public CompletableFuture<Result> pay(long tradeNo, long buyerUserId, Funding funding) {
        return flow.pay(List.of(new TradeFlow.Payment(tradeNo, buyerUserId, funding)))
                .thenApply(as -> as[0].result());
    }

    /**
     * The seller refunds {@code amount} at once; {@code outRequestNo} names the refund, so a
     * repeat is {@code exists} and moves nothing.
     */
    public CompletableFuture<Result> refund(long sellerId, long tradeNo, String outRequestNo, long amount,
                                            String reason) {
        TradeFlow.Action a = new TradeFlow.Action(tradeNo, TradeOp.refund, TradeIds.refundId(tradeNo, outRequestNo),
                amount, reason, outRequestNo);
        return flow.act(Caller.user(sellerId), List.of(a)).thenApply(as -> as[0].result());
    }

    /** The seller closes an unpaid trade. */
    public CompletableFuture<Result> close(long sellerId, long tradeNo, String reason) {
        return flow.close(Caller.user(sellerId), tradeNo, reason).thenApply(TradeFlow.Answer::result);
    }

    /** The trade {@code sellerId}'s {@code outTradeNo} names, wherever it was placed, else null. */
    public CompletableFuture<Snapshot> find(long sellerId, String outTradeNo) {
        return reader.find(sellerId, outTradeNo).thenApply(s -> s == null ? null
                : new Snapshot(s.order(), s.trade(), s.status(), s.closedAt()));
    }

    /** The trade if {@code sellerId} sold it (0: any seller), else null. */
    public CompletableFuture<Snapshot> read(long sellerId, long tradeNo) {
        return reader.state(tradeNo).thenApply(s -> s == null || sellerId != 0 && s.order().merchantId() != sellerId
                ? null : new Snapshot(s.order(), s.trade(), s.status(), s.closedAt()));
    }
}
