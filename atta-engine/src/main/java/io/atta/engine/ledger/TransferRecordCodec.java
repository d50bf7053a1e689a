package io.atta.engine.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The fixed-width binary form of a {@link TransferRecord}, used by snapshots and the history store. */
public final class TransferRecordCodec {
    public static final int bytes = 8 * 3 + 8 + 4 + 4 + 4 + 8 + 4 + 8 + 8 + 1 + 8 + 8 + 8 + 4;

    private TransferRecordCodec() {
    }

    public static void write(TransferRecord r, DataOutput out) throws IOException {
        out.writeLong(r.id());
        out.writeLong(r.debitAccountId());
        out.writeLong(r.creditAccountId());
        out.writeLong(r.amount());
        out.writeInt(r.ledger());
        out.writeInt(r.code());
        out.writeInt(r.flags());
        out.writeLong(r.pendingId());
        out.writeInt(r.timeoutSeconds());
        out.writeLong(r.userData());
        out.writeLong(r.timestamp());
        out.writeByte(r.status().code());
        out.writeLong(r.requestedDebit());
        out.writeLong(r.requestedCredit());
        out.writeLong(r.requestedAmount());
        out.writeInt(r.requestedLedger());
    }

    public static TransferRecord read(DataInput in) throws IOException {
        return new TransferRecord(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readInt(),
                in.readInt(), in.readInt(), in.readLong(), in.readInt(), in.readLong(), in.readLong(),
                PendingStatus.ofCode(in.readByte()), in.readLong(), in.readLong(), in.readLong(), in.readInt());
    }

    public static void write(TransferRecord r, ByteBuffer b) {
        b.putLong(r.id()).putLong(r.debitAccountId()).putLong(r.creditAccountId()).putLong(r.amount())
                .putInt(r.ledger()).putInt(r.code()).putInt(r.flags()).putLong(r.pendingId())
                .putInt(r.timeoutSeconds()).putLong(r.userData()).putLong(r.timestamp())
                .put((byte) r.status().code()).putLong(r.requestedDebit()).putLong(r.requestedCredit())
                .putLong(r.requestedAmount()).putInt(r.requestedLedger());
    }

    public static TransferRecord read(ByteBuffer b) {
        return new TransferRecord(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(), b.getInt(),
                b.getInt(), b.getLong(), b.getInt(), b.getLong(), b.getLong(), PendingStatus.ofCode(b.get()),
                b.getLong(), b.getLong(), b.getLong(), b.getInt());
    }
}
