package io.atta.cluster.history;

import io.atta.cluster.Change;
import io.atta.engine.ledger.TransferRecordCodec;

import java.nio.ByteBuffer;

/**
 * The stored form of a {@link Change}, under {@code 'c' index seq} ({@link HistoryKeys#change}):
 * one type byte, then the change's fields. Balances absent from a transfer change are stored as
 * account id 0.
 */
final class ChangeCodec {
    private static final byte transferType = 'T';
    private static final byte accountType = 'A';
    private static final byte recordType = 'R';
    private static final int balancesBytes = 5 * 8;

    private ChangeCodec() {
    }

    static byte[] write(Change c) {
        if (c instanceof Change.TransferChange t) {
            ByteBuffer b = ByteBuffer.allocate(1 + TransferRecordCodec.bytes + 2 * balancesBytes);
            b.put(transferType);
            TransferRecordCodec.write(t.transfer(), b);
            balances(b, t.debit());
            balances(b, t.credit());
            return b.array();
        }
        if (c instanceof Change.AccountChange a) {
            ByteBuffer b = ByteBuffer.allocate(1 + 4 + 8 + balancesBytes);
            b.put(accountType).putInt(a.ledger()).putLong(a.timestamp());
            balances(b, a.balances());
            return b.array();
        }
        Change.RecordChange r = (Change.RecordChange) c;
        return ByteBuffer.allocate(1 + 1 + 8 + r.bytes().length).put(recordType).put(r.kind()).putLong(r.id())
                .put(r.bytes()).array();
    }

    static Change read(long index, int seq, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        byte type = b.get();
        return switch (type) {
            case transferType -> new Change.TransferChange(index, seq, TransferRecordCodec.read(b), balances(b),
                    balances(b));
            case accountType -> {
                int ledger = b.getInt();
                long ts = b.getLong();
                yield new Change.AccountChange(index, seq, ledger, ts, balances(b));
            }
            case recordType -> {
                byte kind = b.get();
                long id = b.getLong();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                yield new Change.RecordChange(index, seq, kind, id, bytes);
            }
            default -> throw new IllegalStateException("change record of unknown type " + type + " at " + index
                    + "-" + seq);
        };
    }

    private static void balances(ByteBuffer b, Change.Balances x) {
        if (x == null) {
            b.putLong(0).putLong(0).putLong(0).putLong(0).putLong(0);
        } else {
            b.putLong(x.accountId()).putLong(x.debitsPending()).putLong(x.debitsPosted()).putLong(x.creditsPending())
                    .putLong(x.creditsPosted());
        }
    }

    private static Change.Balances balances(ByteBuffer b) {
        long id = b.getLong();
        Change.Balances x = new Change.Balances(id, b.getLong(), b.getLong(), b.getLong(), b.getLong());
        return id == 0 ? null : x;
    }
}
