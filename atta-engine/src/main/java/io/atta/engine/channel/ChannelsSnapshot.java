package io.atta.engine.channel;

import io.atta.engine.ledger.SnapshotDigest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Writes and reads a shard's {@link Channels} (channels, deposits, withdrawals) in id order, so
 * that equal books write equal bytes (which {@link #digest} hashes).
 */
public final class ChannelsSnapshot {
    private ChannelsSnapshot() {
    }

    public static void write(Channels c, DataOutput out) throws IOException {
        List<Long> ids = sorted(c.channels.keySet());
        out.writeInt(ids.size());
        for (long id : ids) {
            Channel ch = c.channels.get(id);
            out.writeLong(ch.channelId());
            out.writeUTF(ch.name());
            out.writeInt(ch.ledger());
            out.writeLong(ch.createdAt());
        }
        ids = sorted(c.deposits.keySet());
        out.writeInt(ids.size());
        for (long id : ids) {
            DepositRecord d = c.deposits.get(id);
            out.writeLong(d.transferId());
            out.writeLong(d.channelId());
            out.writeLong(d.userId());
            out.writeLong(d.walletAccountId());
            out.writeLong(d.amount());
            out.writeInt(d.ledger());
            out.writeUTF(d.channelRef());
            out.writeLong(d.createdAt());
        }
        ids = sorted(c.withdrawals.keySet());
        out.writeInt(ids.size());
        for (long id : ids) {
            WithdrawalRecord w = c.withdrawals.get(id);
            out.writeLong(w.withdrawalId());
            out.writeLong(w.channelId());
            out.writeLong(w.userId());
            out.writeLong(w.walletAccountId());
            out.writeLong(w.amount());
            out.writeInt(w.ledger());
            out.writeUTF(w.requestId());
            out.writeByte(w.status().code());
            out.writeLong(w.createdAt());
            out.writeLong(w.expiresAt());
            out.writeLong(w.resolvedAt());
            out.writeUTF(w.channelRef());
        }
    }

    /** Replaces the book's channels, deposits and withdrawals with the snapshot's. */
    public static void read(Channels c, DataInput in) throws IOException {
        clear(c);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            Channel ch = new Channel(in.readLong(), in.readUTF(), in.readInt(), in.readLong());
            c.channels.put(ch.channelId(), ch);
        }
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            DepositRecord d = new DepositRecord(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readInt(), in.readUTF(), in.readLong());
            c.deposits.put(d.transferId(), d);
        }
        n = in.readInt();
        for (int i = 0; i < n; i++) {
            long id = in.readLong();
            long channelId = in.readLong();
            long userId = in.readLong();
            long wallet = in.readLong();
            long amount = in.readLong();
            int ledger = in.readInt();
            String requestId = in.readUTF();
            int status = in.readUnsignedByte();
            if (!WithdrawalStatus.hasCode(status)) {
                throw new IOException("snapshot withdrawal " + id + " has unknown status " + status);
            }
            c.withdrawals.put(id, new WithdrawalRecord(id, channelId, userId, wallet, amount, ledger, requestId,
                    WithdrawalStatus.ofCode(status), in.readLong(), in.readLong(), in.readLong(), in.readUTF()));
        }
    }

    /** Forgets everything (a snapshot from before channels loads into an empty book). */
    public static void clear(Channels c) {
        c.channels.clear();
        c.deposits.clear();
        c.withdrawals.clear();
    }

    public static long digest(Channels c) {
        return SnapshotDigest.of(out -> write(c, out));
    }

    private static List<Long> sorted(Set<Long> keys) {
        List<Long> ids = new ArrayList<>(keys);
        Collections.sort(ids);
        return ids;
    }
}
