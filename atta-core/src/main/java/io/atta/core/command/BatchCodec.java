package io.atta.core.command;

import io.atta.core.auth.Role;
import io.atta.core.trade.TradeOp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The binary form of a batch: what one Raft log entry holds. Layout (big-endian):
 * {@code version:u8, timestamp:i64, count:i32, then count × (type:u8, fields)}. Field order is
 * the record's component order; every field has a fixed width, so a batch's size is known
 * before it is written.
 */
public final class BatchCodec {
    public static final byte version = 1;
    public static final int headerBytes = 1 + 8 + 4;

    private static final byte typeCreateUser = 1;
    private static final byte typeCreateAccount = 2;
    private static final byte typeCreateTransfer = 3;
    private static final byte typeCloseAccount = 4;
    private static final byte typeTick = 5;
    private static final byte typeBeginTransaction = 6;
    private static final byte typePrepareTransaction = 7;
    private static final byte typeDecideTransaction = 8;
    private static final byte typeResolveTransaction = 9;
    private static final byte typeFinishTransaction = 10;
    private static final byte typeCreateMerchant = 11;
    private static final byte typeCreateTrade = 12;
    private static final byte typeBindTradeBuyer = 13;
    private static final byte typePayTrade = 14;
    private static final byte typeTradeAction = 15;
    private static final byte typeRecordDelivery = 16;
    private static final byte typeCreateApp = 17;
    private static final byte typeCreateKey = 18;
    private static final byte typeRevokeKey = 19;
    private static final byte typeCreateChannel = 20;
    private static final byte typeDeposit = 21;
    private static final byte typeRequestWithdrawal = 22;
    private static final byte typeResolveWithdrawal = 23;
    private static final byte typeReopenAccount = 24;
    private static final byte typeAdjust = 25;
    /** Texts are written as a u16 byte count and UTF-8; the edge keeps them far shorter. */
    public static final int maxTextBytes = 0xFFFF;
    /**
     * The top bit of a prepare's coordinator field: the participant decides. Shard numbers are
     * far below it, and a prepare written before the flag existed reads as one that only votes.
     */
    private static final int participantDecides = 0x8000_0000;
    private static final int transferBytes = 8 * 4 + 4 + 4 + 4 + 8 + 4 + 8 + 8;

    private BatchCodec() {
    }

    /** A decoded batch: the leader's timestamp (ns since the epoch) and its commands in order. */
    public record Batch(long timestamp, Command[] commands) {
    }

    public static int encodedSize(Command c) {
        if (c instanceof CreateTransfer) {
            return 1 + transferBytes;
        } else if (c instanceof BeginTransaction t) {
            return 1 + 8 + 8 + 4 + t.legs().length * transferBytes;
        } else if (c instanceof PrepareTransaction t) {
            return 1 + 4 + 8 + 4 + t.legs().length * transferBytes;
        } else if (c instanceof DecideTransaction) {
            return 1 + 8 + 1 + 4 + 4;
        } else if (c instanceof ResolveTransaction) {
            return 1 + 4 + 8 + 1;
        } else if (c instanceof FinishTransaction) {
            return 1 + 8;
        } else if (c instanceof CreateAccount) {
            return 1 + 8 + 8 + 4 + 4 + 4 + 8;
        } else if (c instanceof CreateUser) {
            return 1 + 8 + 8 + 4 + 32;
        } else if (c instanceof CloseAccount) {
            return 1 + 16;
        } else if (c instanceof Tick) {
            return 1;
        } else if (c instanceof CreateMerchant m) {
            return 1 + 8 + 8 + 4 + textBytes(m.name()) + textBytes(m.webhookUrl()) + textBytes(m.webhookSecret());
        } else if (c instanceof CreateTrade t) {
            return 1 + 8 + 8 + textBytes(t.outTradeNo()) + 8 + 8 + 4 + 4 + 4 + 1 + textBytes(t.subject()) + 8
                    + textBytes(t.notifyUrl()) + textBytes(t.returnUrl()) + 1;
        } else if (c instanceof BindTradeBuyer) {
            return 1 + 16;
        } else if (c instanceof PayTrade p) {
            return 1 + 8 + 8 + textBytes(p.outTradeNo()) + 8 + 8 + 8 + 4 + 4 + 8 + 8 + 4 + 4 + 1 + 1 + 8 + 8
                    + textBytes(p.notifyUrl()) + textBytes(p.subject()) + 8;
        } else if (c instanceof TradeAction a) {
            return 1 + 8 + 1 + 8 + 8 + 8 + textBytes(a.text1()) + textBytes(a.text2());
        } else if (c instanceof RecordDelivery) {
            return 1 + 8 + 1 + 8;
        } else if (c instanceof CreateApp a) {
            return 1 + 8 + 8 + textBytes(a.name()) + textBytes(a.publicKey());
        } else if (c instanceof CreateKey k) {
            return 1 + 8 + 1 + 8 + 8 + 4 * 8 + textBytes(k.label()) + 8;
        } else if (c instanceof RevokeKey) {
            return 1 + 8 + 8;
        } else if (c instanceof CreateChannel ch) {
            return 1 + 8 + textBytes(ch.name()) + 4;
        } else if (c instanceof Deposit d) {
            return 1 + 8 + 8 + 8 + 8 + 4 + textBytes(d.channelRef());
        } else if (c instanceof RequestWithdrawal w) {
            return 1 + 8 + 8 + 8 + 8 + 4 + 4 + textBytes(w.requestId());
        } else if (c instanceof ResolveWithdrawal w) {
            return 1 + 8 + 8 + 1 + textBytes(w.channelRef());
        } else if (c instanceof ReopenAccount) {
            return 1 + 8;
        } else if (c instanceof Adjust a) {
            return 1 + 8 + 8 + 8 + 4 + 1 + 8 + textBytes(a.reason());
        }
        throw new IllegalArgumentException("unknown command " + c);
    }

    public static byte[] encode(long timestamp, List<? extends Command> commands) {
        int size = headerBytes;
        for (Command c : commands) {
            size += encodedSize(c);
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(version).putLong(timestamp).putInt(commands.size());
        for (Command c : commands) {
            write(b, c);
        }
        return b.array();
    }

    private static void write(ByteBuffer b, Command c) {
        if (c instanceof CreateTransfer t) {
            writeTransfer(b.put(typeCreateTransfer), t);
        } else if (c instanceof BeginTransaction t) {
            b.put(typeBeginTransaction).putLong(t.txId()).putLong(t.participants());
            writeLegs(b, t.legs());
        } else if (c instanceof PrepareTransaction t) {
            b.put(typePrepareTransaction).putInt(t.coordinator() | (t.decides() ? participantDecides : 0))
                    .putLong(t.txId());
            writeLegs(b, t.legs());
        } else if (c instanceof DecideTransaction t) {
            b.put(typeDecideTransaction).putLong(t.txId()).put((byte) (t.commit() ? 1 : 0))
                    .putInt(t.reason().ordinal()).putInt(t.failedLeg());
        } else if (c instanceof ResolveTransaction t) {
            b.put(typeResolveTransaction).putInt(t.coordinator()).putLong(t.txId()).put((byte) (t.commit() ? 1 : 0));
        } else if (c instanceof FinishTransaction t) {
            b.put(typeFinishTransaction).putLong(t.txId());
        } else if (c instanceof CreateAccount a) {
            b.put(typeCreateAccount).putLong(a.id()).putLong(a.ownerUserId()).putInt(a.ledger()).putInt(a.code())
                    .putInt(a.flags()).putLong(a.userData());
        } else if (c instanceof CreateUser u) {
            b.put(typeCreateUser).putLong(u.userId()).putLong(u.walletAccountId()).putInt(u.walletLedger())
                    .putLong(u.tokenHash0()).putLong(u.tokenHash1()).putLong(u.tokenHash2()).putLong(u.tokenHash3());
        } else if (c instanceof CloseAccount x) {
            b.put(typeCloseAccount).putLong(x.accountId()).putLong(x.actingUserId());
        } else if (c instanceof Tick) {
            b.put(typeTick);
        } else if (c instanceof CreateMerchant m) {
            b.put(typeCreateMerchant).putLong(m.merchantId()).putLong(m.settlementAccountId()).putInt(m.feeRatePpm());
            putText(b, m.name());
            putText(b, m.webhookUrl());
            putText(b, m.webhookSecret());
        } else if (c instanceof CreateTrade t) {
            b.put(typeCreateTrade).putLong(t.tradeNo()).putLong(t.merchantId());
            putText(b, t.outTradeNo());
            b.putLong(t.buyerUserId()).putLong(t.amount()).putInt(t.ledger()).putInt(t.goodsType())
                    .putInt(t.payTimeoutSeconds()).put((byte) (t.notifyMerchant() ? 1 : 0));
            putText(b, t.subject());
            b.putLong(t.appId());
            putText(b, t.notifyUrl());
            putText(b, t.returnUrl());
            b.put((byte) t.kind());
        } else if (c instanceof BindTradeBuyer t) {
            b.put(typeBindTradeBuyer).putLong(t.tradeNo()).putLong(t.buyerUserId());
        } else if (c instanceof PayTrade p) {
            b.put(typePayTrade).putLong(p.tradeNo()).putLong(p.merchantId());
            putText(b, p.outTradeNo());
            b.putLong(p.buyerUserId()).putLong(p.buyerWalletId()).putLong(p.amount()).putInt(p.ledger())
                    .putInt(p.goodsType()).putLong(p.payDeadline()).putLong(p.merchantSettlementAccountId())
                    .putInt(p.feeRatePpm()).putInt(p.fundingSource()).put((byte) (p.notifyMerchant() ? 1 : 0))
                    .put((byte) p.kind()).putLong(p.refundWindowSeconds()).putLong(p.appId());
            putText(b, p.notifyUrl());
            putText(b, p.subject());
            b.putLong(p.createdAt());
        } else if (c instanceof TradeAction a) {
            b.put(typeTradeAction).putLong(a.tradeNo()).put((byte) a.op().ordinal()).putLong(a.actingUserId())
                    .putLong(a.refundId()).putLong(a.amount());
            putText(b, a.text1());
            putText(b, a.text2());
        } else if (c instanceof RecordDelivery d) {
            b.put(typeRecordDelivery).putLong(d.seq()).put((byte) d.outcome().ordinal()).putLong(d.nextAttemptAt());
        } else if (c instanceof CreateApp a) {
            b.put(typeCreateApp).putLong(a.appId()).putLong(a.merchantId());
            putText(b, a.name());
            putText(b, a.publicKey());
        } else if (c instanceof CreateKey k) {
            b.put(typeCreateKey).putLong(k.keyId()).put((byte) k.role().ordinal()).putLong(k.ownerId())
                    .putLong(k.expiresAt()).putLong(k.hash0()).putLong(k.hash1()).putLong(k.hash2()).putLong(k.hash3());
            putText(b, k.label());
            b.putLong(k.createdByKeyId());
        } else if (c instanceof RevokeKey k) {
            b.put(typeRevokeKey).putLong(k.keyId()).putLong(k.effectiveAt());
        } else if (c instanceof CreateChannel ch) {
            b.put(typeCreateChannel).putLong(ch.channelId());
            putText(b, ch.name());
            b.putInt(ch.ledger());
        } else if (c instanceof Deposit d) {
            b.put(typeDeposit).putLong(d.transferId()).putLong(d.channelId()).putLong(d.userId()).putLong(d.amount())
                    .putInt(d.ledger());
            putText(b, d.channelRef());
        } else if (c instanceof RequestWithdrawal w) {
            b.put(typeRequestWithdrawal).putLong(w.withdrawalId()).putLong(w.channelId()).putLong(w.userId())
                    .putLong(w.amount()).putInt(w.ledger()).putInt(w.timeoutSeconds());
            putText(b, w.requestId());
        } else if (c instanceof ResolveWithdrawal w) {
            b.put(typeResolveWithdrawal).putLong(w.withdrawalId()).putLong(w.channelId())
                    .put((byte) (w.confirm() ? 1 : 0));
            putText(b, w.channelRef());
        } else if (c instanceof ReopenAccount r) {
            b.put(typeReopenAccount).putLong(r.accountId());
        } else if (c instanceof Adjust a) {
            b.put(typeAdjust).putLong(a.transferId()).putLong(a.userId()).putLong(a.amount()).putInt(a.ledger())
                    .put((byte) (a.credit() ? 1 : 0)).putLong(a.actingKeyId());
            putText(b, a.reason());
        } else {
            throw new IllegalArgumentException("unknown command " + c);
        }
    }

    private static void writeTransfer(ByteBuffer b, CreateTransfer t) {
        b.putLong(t.id()).putLong(t.debitAccountId()).putLong(t.creditAccountId()).putLong(t.amount())
                .putInt(t.ledger()).putInt(t.code()).putInt(t.flags()).putLong(t.pendingId())
                .putInt(t.timeoutSeconds()).putLong(t.userData()).putLong(t.actingUserId());
    }

    private static void writeLegs(ByteBuffer b, CreateTransfer[] legs) {
        b.putInt(legs.length);
        for (CreateTransfer t : legs) {
            writeTransfer(b, t);
        }
    }

    private static int textBytes(String s) {
        int n = s.getBytes(StandardCharsets.UTF_8).length;
        if (n > maxTextBytes) {
            throw new IllegalArgumentException("text of " + n + " bytes is over maxTextBytes (" + maxTextBytes + ")");
        }
        return 2 + n;
    }

    private static void putText(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) bytes.length).put(bytes);
    }

    private static String getText(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        if (n > b.remaining()) {
            throw new IllegalStateException("corrupt batch: text of " + n + " bytes");
        }
        byte[] bytes = new byte[n];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static CreateTransfer readTransfer(ByteBuffer b) {
        return new CreateTransfer(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(), b.getInt(),
                b.getInt(), b.getLong(), b.getInt(), b.getLong(), b.getLong());
    }

    private static PrepareTransaction readPrepare(ByteBuffer b) {
        int coordinator = b.getInt();
        return new PrepareTransaction(coordinator & ~participantDecides, b.getLong(), readLegs(b),
                (coordinator & participantDecides) != 0);
    }

    private static CreateTransfer[] readLegs(ByteBuffer b) {
        int n = b.getInt();
        if (n <= 0 || (long) n * transferBytes > b.remaining()) {
            throw new IllegalStateException("corrupt batch: " + n + " transaction legs");
        }
        CreateTransfer[] legs = new CreateTransfer[n];
        for (int i = 0; i < n; i++) {
            legs[i] = readTransfer(b);
        }
        return legs;
    }

    private static Role role(byte code) {
        if (code < 0 || code >= Role.values().length) {
            throw new IllegalStateException("corrupt batch: role " + code);
        }
        return Role.ofCode(code);
    }

    /** Decodes a batch; a malformed entry is a broken invariant (the log holds only what we wrote). */
    public static Batch decode(ByteBuffer b) {
        byte v = b.get();
        if (v != version) {
            throw new IllegalStateException("unknown batch version " + v);
        }
        long timestamp = b.getLong();
        int count = b.getInt();
        if (count < 0 || count > b.remaining()) {
            throw new IllegalStateException("corrupt batch: count " + count);
        }
        Command[] commands = new Command[count];
        for (int i = 0; i < count; i++) {
            commands[i] = read(b);
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException("corrupt batch: " + b.remaining() + " trailing bytes");
        }
        return new Batch(timestamp, commands);
    }

    private static Command read(ByteBuffer b) {
        byte type = b.get();
        return switch (type) {
            case typeCreateUser -> new CreateUser(b.getLong(), b.getLong(), b.getInt(), b.getLong(), b.getLong(),
                    b.getLong(), b.getLong());
            case typeCreateAccount -> new CreateAccount(b.getLong(), b.getLong(), b.getInt(), b.getInt(), b.getInt(),
                    b.getLong());
            case typeCreateTransfer -> readTransfer(b);
            case typeBeginTransaction -> new BeginTransaction(b.getLong(), b.getLong(), readLegs(b));
            case typePrepareTransaction -> readPrepare(b);
            case typeDecideTransaction -> new DecideTransaction(b.getLong(), b.get() == 1, Result.ofCode(b.getInt()),
                    b.getInt());
            case typeResolveTransaction -> new ResolveTransaction(b.getInt(), b.getLong(), b.get() == 1);
            case typeFinishTransaction -> new FinishTransaction(b.getLong());
            case typeCloseAccount -> new CloseAccount(b.getLong(), b.getLong());
            case typeTick -> Tick.instance;
            case typeCreateMerchant -> new CreateMerchant(b.getLong(), b.getLong(), b.getInt(), getText(b), getText(b),
                    getText(b));
            case typeCreateTrade -> new CreateTrade(b.getLong(), b.getLong(), getText(b), b.getLong(), b.getLong(),
                    b.getInt(), b.getInt(), b.getInt(), b.get() == 1, getText(b), b.getLong(), getText(b), getText(b),
                    b.get());
            case typeBindTradeBuyer -> new BindTradeBuyer(b.getLong(), b.getLong());
            case typePayTrade -> new PayTrade(b.getLong(), b.getLong(), getText(b), b.getLong(), b.getLong(),
                    b.getLong(), b.getInt(), b.getInt(), b.getLong(), b.getLong(), b.getInt(), b.getInt(),
                    b.get() == 1, b.get(), b.getLong(), b.getLong(), getText(b), getText(b), b.getLong());
            case typeTradeAction -> new TradeAction(b.getLong(), TradeOp.values()[b.get()], b.getLong(), b.getLong(),
                    b.getLong(), getText(b), getText(b));
            case typeRecordDelivery -> new RecordDelivery(b.getLong(), RecordDelivery.Outcome.values()[b.get()],
                    b.getLong());
            case typeCreateApp -> new CreateApp(b.getLong(), b.getLong(), getText(b), getText(b));
            case typeCreateKey -> new CreateKey(b.getLong(), role(b.get()), b.getLong(), b.getLong(), b.getLong(),
                    b.getLong(), b.getLong(), b.getLong(), getText(b), b.getLong());
            case typeRevokeKey -> new RevokeKey(b.getLong(), b.getLong());
            case typeCreateChannel -> new CreateChannel(b.getLong(), getText(b), b.getInt());
            case typeDeposit -> new Deposit(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(),
                    getText(b));
            case typeRequestWithdrawal -> new RequestWithdrawal(b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                    b.getInt(), b.getInt(), getText(b));
            case typeResolveWithdrawal -> new ResolveWithdrawal(b.getLong(), b.getLong(), b.get() == 1, getText(b));
            case typeReopenAccount -> new ReopenAccount(b.getLong());
            case typeAdjust -> new Adjust(b.getLong(), b.getLong(), b.getLong(), b.getInt(), b.get() == 1, b.getLong(),
                    getText(b));
            default -> throw new IllegalStateException("corrupt batch: command type " + type);
        };
    }
}
