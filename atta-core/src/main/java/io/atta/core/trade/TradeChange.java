package io.atta.core.trade;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One entry of a trade's timeline as the change stream carries it (docs/REPORTING.md): what
 * happened ({@code event}, its refund and amount) and the trade as it stands after it, in minor
 * units. The trade module hands one to the shard's history with each timeline entry; the
 * history stores it under the batch's cursor and the server renders it.
 *
 * @param eventAmount         the money the event moved or asked for, or 0
 * @param refunded            everything refunded so far
 * @param fee                 the fee charged at release, before refunds gave part of it back
 * @param feeRefunded         the part of the fee refunds gave back so far
 * @param released            what was released to the seller (0 while held)
 * @param settlementAccountId the merchant's settlement account, where settlement sweeps its receivables
 */
public record TradeChange(long tradeNo, long merchantId, String outTradeNo, long buyerUserId, long amount, int ledger,
                          TradeStatus status, TradeEventType event, long refundId, long eventAmount, long refunded,
                          long fee, long feeRefunded, long released, long settlementAccountId, long at) {
    /** The record kind of a trade change in the history's change records. */
    public static final byte kind = 't';
    private static final int version = 1;

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            out.writeLong(tradeNo);
            out.writeLong(merchantId);
            out.writeUTF(outTradeNo);
            out.writeLong(buyerUserId);
            out.writeLong(amount);
            out.writeInt(ledger);
            out.writeByte(status.code());
            out.writeByte(event.code());
            out.writeLong(refundId);
            out.writeLong(eventAmount);
            out.writeLong(refunded);
            out.writeLong(fee);
            out.writeLong(feeRefunded);
            out.writeLong(released);
            out.writeLong(settlementAccountId);
            out.writeLong(at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static TradeChange decode(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int v = in.readByte();
            if (v != version) {
                throw new IllegalStateException("trade change of unknown version " + v);
            }
            return new TradeChange(in.readLong(), in.readLong(), in.readUTF(), in.readLong(), in.readLong(),
                    in.readInt(), TradeStatus.ofCode(in.readByte()), TradeEventType.ofCode(in.readByte()),
                    in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
