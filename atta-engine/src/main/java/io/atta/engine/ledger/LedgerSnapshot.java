package io.atta.engine.ledger;

import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.SnapshotSections;
import io.atta.engine.transaction.TransactionModule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes and reads the in-memory part of a shard: its clock, then one section per module
 * ({@link SnapshotSections}: the ledger's accounts, users, open pending transfers, digest and
 * adjustments; transactions; trades; gateway apps and notifications; channels; keys; a
 * product's). Applied transfers are in the {@link TransferStore}, which snapshots itself.
 */
public final class LedgerSnapshot {
    private static final int magic = 0x41545441; // "ATTA"
    /**
     * 2 adds cross-shard transactions, 3 merchants and trades, 4 the Alipay gateway's part of
     * them (apps, instant trades, gateway notifications), 5 API keys, funding channels (with
     * deposits and withdrawals) and operators' adjustments; 6 writes each module's part as its
     * own section, with its own version. Older snapshots (fixed layout) still load; a module
     * they lack starts empty, and keys start as each user's own token.
     */
    private static final int version = 6;
    private static final int lastFixedLayout = 5;

    private LedgerSnapshot() {
    }

    public static void write(ShardLedger l, DataOutput out) throws IOException {
        out.writeInt(magic);
        out.writeInt(version);
        out.writeInt(l.shardId());
        out.writeInt(l.homeSlot());
        out.writeLong(l.lastTimestamp);
        SnapshotSections.write(l.modules(), out);
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
        if (shard != l.shardId() || home != l.homeSlot()) {
            throw new IOException("snapshot of shard " + shard + " (home slot " + home + ") loaded into shard "
                    + l.shardId() + " (home slot " + l.homeSlot() + ")");
        }
        l.lastTimestamp = in.readLong();
        if (v > lastFixedLayout) {
            SnapshotSections.read(l.modules(), in);
        } else {
            readFixedLayout(l, in, v);
        }
    }

    /**
     * Versions 1 to 5: the ledger's part, then in a fixed order the parts each version had, each
     * in the form its module reads as section version 1 (trades: 1 for version 3's escrow-only
     * form, 2 since). Every module starts cleared; what the snapshot holds replaces it; then, as
     * for a snapshot of sections, each module the layout has no part for is cleared again, which
     * derives its state from the parts read before it (keys: each user's own token; the gateway:
     * what the trade part held of it).
     */
    private static void readFixedLayout(ShardLedger l, DataInput in, int v) throws IOException {
        for (ShardModule m : l.modules()) {
            m.clear();
        }
        Set<String> read = new HashSet<>();
        LedgerModule ledger = l.module(LedgerModule.class);
        readLedger(ledger, in);
        read.add(ledger.name());
        if (v >= 2) {
            l.module(TransactionModule.class).readSection(in, 1);
            read.add(l.module(TransactionModule.class).name());
        }
        if (v >= 3) {
            moduleNamed(l, "trade").readSection(in, v >= 4 ? 2 : 1);
            read.add("trade");
        }
        if (v >= 5) {
            moduleNamed(l, "key").readSection(in, 1);
            moduleNamed(l, "channel").readSection(in, 1);
            ledger.adjustments.read(in);
            read.add("key");
            read.add("channel");
        }
        for (ShardModule m : l.modules()) {
            if (!read.contains(m.name())) {
                m.clear();
            }
        }
    }

    private static ShardModule moduleNamed(ShardLedger l, String name) throws IOException {
        for (ShardModule m : l.modules()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IOException("a snapshot of version 5 or older needs a \"" + name + "\" module");
    }

    /** The ledger's own part: digest, accounts, users, open pending transfers (the fixed layout's order). */
    static void writeLedger(LedgerModule l, DataOutput out) throws IOException {
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
    }

    /** Replaces the ledger's own part with what {@link #writeLedger} wrote. */
    static void readLedger(LedgerModule l, DataInput in) throws IOException {
        l.accounts.clear();
        l.users.clear();
        l.openPending.clear();
        l.expiries.clear();
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
                l.expiries.add(new LedgerModule.Expiry(r.expiresAt(), r.id()));
            }
        }
    }
}
