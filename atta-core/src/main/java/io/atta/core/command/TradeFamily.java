package io.atta.core.command;

import static io.atta.core.command.CommandFields.getBoolean;
import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putBoolean;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import io.atta.core.trade.TradeOp;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Merchants, escrow and instant trades, their actions and notifications (gateway apps are the
 * gateway family's, {@link io.atta.core.gateway.GatewayFamily}).
 */
public final class TradeFamily implements CommandFamily {
    /**
     * Away from the codes after 25 on purpose: other families of the same release add theirs
     * there, and a code is forever once written to a log.
     */
    static final int claimTradeNameCode = 40;

    @Override
    public String name() {
        return "trade";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(11, CreateMerchant.class,
                        m -> 8 + 8 + 4 + textBytes(m.name()) + textBytes(m.webhookUrl()) + textBytes(m.webhookSecret()),
                        (m, b) -> {
                            b.putLong(m.merchantId()).putLong(m.settlementAccountId()).putInt(m.feeRatePpm());
                            putText(b, m.name());
                            putText(b, m.webhookUrl());
                            putText(b, m.webhookSecret());
                        },
                        b -> new CreateMerchant(b.getLong(), b.getLong(), b.getInt(), getText(b), getText(b),
                                getText(b))),
                new CommandType<>(12, CreateTrade.class, TradeFamily::createTradeBytes, TradeFamily::putCreateTrade,
                        b -> new CreateTrade(b.getLong(), b.getLong(), getText(b), b.getLong(), b.getLong(),
                                b.getInt(), b.getInt(), b.getInt(), getBoolean(b), getText(b), b.getLong(),
                                getText(b), getText(b), b.get())),
                new CommandType<>(13, BindTradeBuyer.class, t -> 16,
                        (t, b) -> b.putLong(t.tradeNo()).putLong(t.buyerUserId()),
                        b -> new BindTradeBuyer(b.getLong(), b.getLong())),
                new CommandType<>(14, PayGatewayTrade.class, TradeFamily::payGatewayTradeBytes,
                        TradeFamily::putPayGatewayTrade,
                        TradeFamily::getPayGatewayTrade),
                new CommandType<>(15, TradeAction.class,
                        a -> 8 + 1 + 8 + 8 + 8 + textBytes(a.text1()) + textBytes(a.text2()),
                        (a, b) -> {
                            b.putLong(a.tradeNo()).put(opCode(a.op())).putLong(a.actingUserId())
                                    .putLong(a.refundId()).putLong(a.amount());
                            putText(b, a.text1());
                            putText(b, a.text2());
                        },
                        b -> new TradeAction(b.getLong(), op(b.get()), b.getLong(), b.getLong(), b.getLong(),
                                getText(b), getText(b))),
                new CommandType<>(16, RecordDelivery.class, d -> 8 + 1 + 8,
                        (d, b) -> b.putLong(d.seq()).put(outcomeCode(d.outcome())).putLong(d.nextAttemptAt()),
                        b -> new RecordDelivery(b.getLong(), outcome(b.get()), b.getLong())),
                new CommandType<>(30, PayTrade.class, TradeFamily::payTradeBytes, TradeFamily::putPayTrade,
                        TradeFamily::getPayTrade),
                new CommandType<>(claimTradeNameCode, ClaimTradeName.class, c -> 16,
                        (c, b) -> b.putLong(c.nameNo()).putLong(c.tradeNo()),
                        b -> new ClaimTradeName(b.getLong(), b.getLong())));
    }

    private static int createTradeBytes(CreateTrade t) {
        return 8 + 8 + textBytes(t.outTradeNo()) + 8 + 8 + 4 + 4 + 4 + 1 + textBytes(t.subject()) + 8
                + textBytes(t.notifyUrl()) + textBytes(t.returnUrl()) + 1;
    }

    private static void putCreateTrade(CreateTrade t, ByteBuffer b) {
        b.putLong(t.tradeNo()).putLong(t.merchantId());
        putText(b, t.outTradeNo());
        b.putLong(t.buyerUserId()).putLong(t.amount()).putInt(t.ledger()).putInt(t.goodsType())
                .putInt(t.payTimeoutSeconds());
        putBoolean(b, t.notifyMerchant());
        putText(b, t.subject());
        b.putLong(t.appId());
        putText(b, t.notifyUrl());
        putText(b, t.returnUrl());
        b.put((byte) t.kind());
    }

    /** The fields every payment has, in the order both forms write them. */
    private static int paymentBytes(PayTrade p) {
        return 8 + 8 + textBytes(p.outTradeNo()) + 8 + 8 + 8 + 4 + 4 + 8 + 8 + 4 + 4 + 1 + 1 + 8;
    }

    private static void putPayment(PayTrade p, ByteBuffer b) {
        b.putLong(p.tradeNo()).putLong(p.merchantId());
        putText(b, p.outTradeNo());
        b.putLong(p.buyerUserId()).putLong(p.buyerWalletId()).putLong(p.amount()).putInt(p.ledger())
                .putInt(p.goodsType()).putLong(p.payDeadline()).putLong(p.merchantSettlementAccountId())
                .putInt(p.feeRatePpm()).putInt(p.fundingSource());
        putBoolean(b, p.notifyMerchant());
        b.put((byte) p.kind()).putLong(p.refundWindowSeconds());
    }

    /** A REST payment (code 30): the payment's fields, then the order's subject and creation time. */
    private static int payTradeBytes(PayTrade p) {
        return paymentBytes(p) + textBytes(p.subject()) + 8;
    }

    private static void putPayTrade(PayTrade p, ByteBuffer b) {
        putPayment(p, b);
        putText(b, p.subject());
        b.putLong(p.createdAt());
    }

    private static PayTrade getPayTrade(ByteBuffer b) {
        return new PayTrade(b.getLong(), b.getLong(), getText(b), b.getLong(), b.getLong(), b.getLong(), b.getInt(),
                b.getInt(), b.getLong(), b.getLong(), b.getInt(), b.getInt(), getBoolean(b), b.get(), b.getLong(),
                getText(b), b.getLong());
    }

    /**
     * A gateway payment (code 14), the form every payment had before code 30: the payment's fields,
     * the app and notify_url, then the subject and creation time.
     */
    private static int payGatewayTradeBytes(PayGatewayTrade g) {
        return paymentBytes(g.payment()) + 8 + textBytes(g.terms().notifyUrl()) + textBytes(g.payment().subject()) + 8;
    }

    private static void putPayGatewayTrade(PayGatewayTrade g, ByteBuffer b) {
        putPayment(g.payment(), b);
        b.putLong(g.terms().appId());
        putText(b, g.terms().notifyUrl());
        putText(b, g.payment().subject());
        b.putLong(g.payment().createdAt());
    }

    private static PayGatewayTrade getPayGatewayTrade(ByteBuffer b) {
        long tradeNo = b.getLong();
        long merchantId = b.getLong();
        String outTradeNo = getText(b);
        long buyerUserId = b.getLong();
        long buyerWalletId = b.getLong();
        long amount = b.getLong();
        int ledger = b.getInt();
        int goodsType = b.getInt();
        long payDeadline = b.getLong();
        long settlementAccountId = b.getLong();
        int feeRatePpm = b.getInt();
        int fundingSource = b.getInt();
        boolean notifyMerchant = getBoolean(b);
        int kind = b.get();
        long refundWindowSeconds = b.getLong();
        PayGatewayTrade.Terms terms = new PayGatewayTrade.Terms(b.getLong(), getText(b));
        return new PayGatewayTrade(new PayTrade(tradeNo, merchantId, outTradeNo, buyerUserId, buyerWalletId, amount,
                ledger, goodsType, payDeadline, settlementAccountId, feeRatePpm, fundingSource, notifyMerchant, kind,
                refundWindowSeconds, getText(b), b.getLong()), terms);
    }

    /** The one place a trade op becomes a number in the log: its stable code. */
    private static byte opCode(TradeOp op) {
        return (byte) op.code();
    }

    private static TradeOp op(byte code) {
        return TradeOp.ofCode(code);
    }

    /** The one place a delivery outcome becomes a number in the log. */
    private static byte outcomeCode(RecordDelivery.Outcome o) {
        return (byte) o.code();
    }

    private static RecordDelivery.Outcome outcome(byte code) {
        return RecordDelivery.Outcome.ofCode(code);
    }
}
