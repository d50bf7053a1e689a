package io.atta.engine.transaction;

import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.engine.ledger.TransactionState;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.ledger.TransferRecordCodec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The cross-shard transactions part of a ledger snapshot: coordinated records, then prepared pieces. */
final class TransactionsSnapshot {
    private TransactionsSnapshot() {
    }

    static void write(Transactions t, DataOutput out) throws IOException {
        out.writeInt(t.coordinated.size());
        for (Transactions.Coordinated c : t.coordinated.values()) {
            out.writeLong(c.txId);
            out.writeLong(c.participants);
            out.writeLong(c.digest);
            out.writeLong(c.beganAt);
            out.writeByte(c.state.code());
            out.writeInt(c.reason.code());
            out.writeInt(c.failedLeg);
            out.writeInt(c.legs.length);
            for (CreateTransfer leg : c.legs) {
                writeLeg(leg, out);
            }
        }
        out.writeInt(t.prepared.size());
        for (Transactions.Prepared p : t.prepared.values()) {
            out.writeInt(p.coordinator());
            out.writeLong(p.txId());
            out.writeLong(p.preparedAt());
            out.writeInt(p.pieces().length);
            for (TransferRecord r : p.pieces()) {
                TransferRecordCodec.write(r, out);
            }
        }
    }

    static void read(Transactions t, DataInput in) throws IOException {
        int coordinated = in.readInt();
        for (int i = 0; i < coordinated; i++) {
            long txId = in.readLong();
            long participants = in.readLong();
            long digest = in.readLong();
            long beganAt = in.readLong();
            TransactionState state = TransactionState.ofCode(in.readByte());
            Result reason = Result.ofCode(in.readInt());
            int failedLeg = in.readInt();
            CreateTransfer[] legs = new CreateTransfer[in.readInt()];
            for (int k = 0; k < legs.length; k++) {
                legs[k] = readLeg(in);
            }
            Transactions.Coordinated c = new Transactions.Coordinated(txId, participants, legs, digest, beganAt);
            c.state = state;
            c.reason = reason;
            c.failedLeg = failedLeg;
            t.coordinated.put(txId, c);
        }
        int prepared = in.readInt();
        for (int i = 0; i < prepared; i++) {
            int coordinator = in.readInt();
            long txId = in.readLong();
            long preparedAt = in.readLong();
            TransferRecord[] pieces = new TransferRecord[in.readInt()];
            for (int k = 0; k < pieces.length; k++) {
                pieces[k] = TransferRecordCodec.read(in);
            }
            t.prepared.put(new Transactions.Key(coordinator, txId),
                    new Transactions.Prepared(coordinator, txId, pieces, preparedAt));
        }
    }

    private static void writeLeg(CreateTransfer t, DataOutput out) throws IOException {
        out.writeLong(t.id());
        out.writeLong(t.debitAccountId());
        out.writeLong(t.creditAccountId());
        out.writeLong(t.amount());
        out.writeInt(t.ledger());
        out.writeInt(t.code());
        out.writeInt(t.flags());
        out.writeLong(t.pendingId());
        out.writeInt(t.timeoutSeconds());
        out.writeLong(t.userData());
        out.writeLong(t.actingUserId());
    }

    private static CreateTransfer readLeg(DataInput in) throws IOException {
        return new CreateTransfer(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readInt(),
                in.readInt(), in.readInt(), in.readLong(), in.readInt(), in.readLong(), in.readLong());
    }
}
