package io.atta.cluster.history;

import io.atta.cluster.Change;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.ledger.TransferRecordCodec;

import java.nio.ByteBuffer;

/**
 * The stored form of a {@link Change}, under {@code 'c' index seq} ({@link HistoryKeys#change}):
 * one type byte, then the change's fields. Balances absent from a transfer change are stored as
 * account id 0, or not at all when both are.
 */
final class ChangeCodec {
    private static final byte transferType = 'T';
    /** A transfer change without balances (neither account keeps a history): 80 bytes of zeros fewer. */
    private static final byte bareTransferType = 't';
    private static final byte accountType = 'A';
    private static final byte recordType = 'R';
    private static final int balancesBytes = 5 * 8;
    /** The size of a transfer change (the largest but a record's). */
    static final int transferBytes = 1 + TransferRecordCodec.bytes + 2 * balancesBytes;

    private ChangeCodec() {
    }

    static void writeTransfer(ByteBuffer b, TransferRecord r, BalanceEvent debit, BalanceEvent credit) {
        if (debit == null && credit == null) {
            b.put(bareTransferType);
            TransferRecordCodec.write(r, b);
            return;
        }
        b.put(transferType);
        TransferRecordCodec.write(r, b);
        balances(b, debit);
        balances(b, credit);
    }

    static void writeAccount(ByteBuffer b, int ledger, BalanceEvent e) {
        b.put(accountType).putInt(ledger).putLong(e.timestamp());
        balances(b, e);
    }

    static int recordBytes(int length) {
        return 1 + 1 + 8 + length;
    }

    static void writeRecord(ByteBuffer b, byte kind, long id, byte[] bytes) {
        b.put(recordType).put(kind).putLong(id).put(bytes);
    }

    static Change read(long index, int seq, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        byte type = b.get();
        switch (type) {
            case transferType:
                return new Change.TransferChange(index, seq, TransferRecordCodec.read(b), balances(b), balances(b));
            case bareTransferType:
                return new Change.TransferChange(index, seq, TransferRecordCodec.read(b), null, null);
            case accountType: {
                int ledger = b.getInt();
                long ts = b.getLong();
                return new Change.AccountChange(index, seq, ledger, ts, balances(b));
            }
            case recordType: {
                byte kind = b.get();
                long id = b.getLong();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                return new Change.RecordChange(index, seq, kind, id, bytes);
            }
            default:
                throw new IllegalStateException("change record of unknown type " + type + " at " + index + "-" + seq);
        }
    }

    private static void balances(ByteBuffer b, BalanceEvent e) {
        if (e == null) {
            b.putLong(0).putLong(0).putLong(0).putLong(0).putLong(0);
        } else {
            b.putLong(e.accountId()).putLong(e.debitsPending()).putLong(e.debitsPosted()).putLong(e.creditsPending())
                    .putLong(e.creditsPosted());
        }
    }

    private static Change.Balances balances(ByteBuffer b) {
        long id = b.getLong();
        Change.Balances x = new Change.Balances(id, b.getLong(), b.getLong(), b.getLong(), b.getLong());
        return id == 0 ? null : x;
    }
}
