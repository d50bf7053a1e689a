package io.atta.engine.ledger;

import io.atta.engine.access.KeysSnapshot;
import io.atta.engine.channel.ChannelsSnapshot;
import io.atta.engine.trade.TradeBook;
import io.atta.engine.trade.TradeSnapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes and reads the in-memory part of a ledger (accounts, users, open pending transfers,
 * clock and digest, and the sections of its domains: transactions, trades, keys, channels,
 * adjustments). Applied transfers are in the {@link TransferStore}, which snapshots
 * itself.
 */
public final class LedgerSnapshot {
    private static final int magic = 0x41545441; // "ATTA"
    /**
     * 2 adds cross-shard transactions, 3 merchants and trades, 4 the Alipay gateway's part of
     * them (apps, instant trades, gateway notifications), 5 API keys, funding channels (with
     * deposits and withdrawals) and operators' adjustments; older snapshots (which have none)
     * still load, with each user's own token as its key.
     */
    private static final int version = 5;

    private LedgerSnapshot() {
    }

    public static void write(ShardLedger l, DataOutput out) throws IOException {
        out.writeInt(magic);
        out.writeInt(version);
        out.writeInt(l.shardId);
        out.writeInt(l.homeSlot);
        out.writeLong(l.lastTimestamp);
        out.writeLong(l.historyDigest);
        out.writeInt(l.accounts.size());
        for (Account a : l.accounts.values()) {
            out.writeLong(a.id);
            out.writeLong(a.ownerUserId);
            out.writeInt(a.ledger);
            out.writeInt(a.code);
            out.writeInt(a.flags);
            out.writeLong(a.userData);
            out.writeLong(a.timestamp);
            out.writeLong(a.debitsPending);
            out.writeLong(a.debitsPosted);
            out.writeLong(a.creditsPending);
            out.writeLong(a.creditsPosted);
        }
        out.writeInt(l.users.size());
        for (User u : l.users.values()) {
            out.writeLong(u.id());
            out.writeLong(u.walletAccountId());
            out.writeLong(u.tokenHash0());
            out.writeLong(u.tokenHash1());
            out.writeLong(u.tokenHash2());
            out.writeLong(u.tokenHash3());
            out.writeLong(u.timestamp());
        }
        out.writeInt(l.openPending.size());
        for (TransferRecord r : l.openPending.values()) {
            TransferRecordCodec.write(r, out);
        }
        TransactionsSnapshot.write(l.transactions, out);
        TradeSnapshot.write(l.trades, out);
        KeysSnapshot.write(l.keys, out);
        ChannelsSnapshot.write(l.channels, out);
        l.adjustments.write(out);
    }

    /** Replaces the state of {@code l} (a freshly built ledger of the same shard) with the snapshot's. */
    public static void read(ShardLedger l, DataInput in) throws IOException {
        int m = in.readInt();
        int v = in.readInt();
        if (m != magic || v < 1 || v > version) {
            throw new IOException("not an Atta ledger snapshot of version 1 to " + version);
        }
        int shard = in.readInt();
        int home = in.readInt();
        if (shard != l.shardId || home != l.homeSlot) {
            throw new IOException("snapshot of shard " + shard + " (home slot " + home + ") loaded into shard "
                    + l.shardId + " (home slot " + l.homeSlot + ")");
        }
        l.accounts.clear();
        l.users.clear();
        l.openPending.clear();
        l.expiries.clear();
        l.transactions.coordinated.clear();
        l.transactions.prepared.clear();
        l.lastTimestamp = in.readLong();
        l.historyDigest = in.readLong();
        int accounts = in.readInt();
        for (int i = 0; i < accounts; i++) {
            Account a = new Account(in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readInt(),
                    in.readLong(), in.readLong());
            a.debitsPending = in.readLong();
            a.debitsPosted = in.readLong();
            a.creditsPending = in.readLong();
            a.creditsPosted = in.readLong();
            l.accounts.put(a.id, a);
        }
        assert l.invariants.restored();
        int users = in.readInt();
        for (int i = 0; i < users; i++) {
            User u = new User(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong());
            l.users.put(u.id(), u);
        }
        int pending = in.readInt();
        for (int i = 0; i < pending; i++) {
            TransferRecord r = TransferRecordCodec.read(in);
            l.openPending.put(r.id(), r);
            if (r.timeoutSeconds() != 0) {
                l.expiries.add(new ShardLedger.Expiry(r.expiresAt(), r.id()));
            }
        }
        if (v >= 2) {
            TransactionsSnapshot.read(l.transactions, in);
        }
        if (v >= 4) {
            TradeSnapshot.read(l.trades, in, TradeSnapshot.current);
        } else if (v == 3) {
            TradeSnapshot.read(l.trades, in, TradeSnapshot.escrowOnly);
        } else {
            TradeSnapshot.read(l.trades, emptyBook());
        }
        if (v >= 5) {
            KeysSnapshot.read(l.keys, in);
            ChannelsSnapshot.read(l.channels, in);
            l.adjustments.read(in);
        } else {
            KeysSnapshot.clear(l.keys);
            for (User u : l.users.values()) {
                l.keyRules.userCreated(u.id(), u.tokenHash0(), u.tokenHash1(), u.tokenHash2(), u.tokenHash3(),
                        u.timestamp());
            }
            ChannelsSnapshot.clear(l.channels);
            l.adjustments.byTransferId.clear();
        }
    }

    /** The snapshot of an empty trade book, to clear one through the same path. */
    private static DataInput emptyBook() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TradeSnapshot.write(new TradeBook(), new DataOutputStream(bytes));
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
