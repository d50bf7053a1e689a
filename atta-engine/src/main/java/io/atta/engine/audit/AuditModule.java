package io.atta.engine.audit;

import io.atta.core.audit.AuditHash;
import io.atta.core.audit.BlockHeader;
import io.atta.core.audit.MerkleTree;
import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.CommandType;
import io.atta.core.command.Result;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.shard.BatchEvents;
import io.atta.engine.shard.RecordArchive;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.shard.StateDigest;
import org.agrona.collections.LongArrayList;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The shard's audit chain (docs/AUDIT.md): every applied batch becomes a block whose events root
 * is the RFC 9162 Merkle root of the batch's journal ({@link BatchEvents}) and whose header
 * carries the previous block's hash. The module reads the journal as a consumer, so no other
 * module knows it exists; it archives each block's header and events in the shard's history
 * (kinds {@link #headerKind} and {@link #eventsKind}, by height), where proofs and {@code atta
 * verify} read them, and keeps only the head in its snapshot section. Its digest is the head,
 * so the chain is part of the state hash. Every replica computes the same chain: it depends on
 * the log only.
 */
public final class AuditModule implements ShardModule, BatchEvents.Consumer {
    /** How often (in blocks) a block carries the shard's state hash: computing it walks the whole state. */
    public static final int stateHashEveryBlocks = 4096;
    /** The archive kind of a block's header, by height. */
    public static final byte headerKind = 'H';
    /** The archive kind of a block's events ({@code count u32}, then per event {@code length u32, bytes}), by height. */
    public static final byte eventsKind = 'V';
    /** The list (by shard, by the block's timestamp) that finds the block of a time. */
    public static final byte blocksByTime = 'H';
    private static final byte[] noLists = {};
    private static final long[] noOwners = {};

    private final int shardId;
    private final RecordArchive archive;
    /** The modules built before this one: the state hash a block may carry is theirs. */
    private final List<ShardModule> before;
    private final AuditHash hash = new AuditHash();
    private byte[] leaves = new byte[AuditHash.bytes * 1024];
    private long height;
    private byte[] head = BlockHeader.genesis.clone();
    private long headIndex;

    public AuditModule(ShardServices shard) {
        this.shardId = shard.shardId();
        this.archive = shard.module(LedgerModule.class).archive();
        this.before = shard.modules();
        shard.events().addConsumer(this);
    }

    // ---- The chain ----

    @Override
    public void batchApplied(BatchEvents e) {
        int n = e.count();
        if (leaves.length < n * AuditHash.bytes) {
            leaves = new byte[Math.max(n, leaves.length / AuditHash.bytes * 2) * AuditHash.bytes];
        }
        byte[] buffer = e.buffer();
        for (int i = 0; i < n; i++) {
            hash.leaf(buffer, e.offset(i), e.length(i), leaves, i * AuditHash.bytes);
        }
        byte[] root = MerkleTree.rootInPlace(hash, leaves, n);
        long next = height + 1;
        BlockHeader header = new BlockHeader(shardId, next, e.logIndex(), e.timestamp(), n, head, root,
                next % stateHashEveryBlocks == 1 ? stateHash() : new byte[AuditHash.bytes]);
        byte[] bytes = header.toBytes();
        archive.put(new RecordArchive.Entry(headerKind, next, bytes, e.timestamp(), new byte[] {blocksByTime},
                new long[] {shardId}));
        if (n > 0) {
            archive.put(new RecordArchive.Entry(eventsKind, next, events(e), e.timestamp(), noLists, noOwners));
        }
        head = hash.plain(bytes);
        height = next;
        headIndex = e.logIndex();
    }

    /** The state hash of the modules before this one, as the batch left them, in a block's 32 bytes (the last 8). */
    private byte[] stateHash() {
        long h = shardId;
        for (ShardModule m : before) {
            h = StateDigest.mix(h, m.digest());
        }
        return ByteBuffer.allocate(AuditHash.bytes).putLong(AuditHash.bytes - 8, h).array();
    }

    private static byte[] events(BatchEvents e) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * e.count() + e.bytes()).putInt(e.count());
        for (int i = 0; i < e.count(); i++) {
            b.putInt(e.length(i)).put(e.buffer(), e.offset(i), e.length(i));
        }
        return b.array();
    }

    /** Reads a block's events record ({@link #eventsKind}); throws {@link IllegalArgumentException} if malformed. */
    public static List<byte[]> readEvents(byte[] record) {
        ByteBuffer in = ByteBuffer.wrap(record);
        int n = in.getInt();
        if (n < 0 || n > in.remaining() / 4) {
            throw new IllegalArgumentException("an events record of " + n + " events in " + record.length + " bytes");
        }
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = in.getInt();
            if (len < 1 || len > in.remaining()) {
                throw new IllegalArgumentException("event " + i + " of " + len + " bytes, " + in.remaining() + " left");
            }
            byte[] ev = new byte[len];
            in.get(ev);
            out.add(ev);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("an events record with " + in.remaining() + " bytes left over");
        }
        return out;
    }

    // ---- Reads (under the shard's read lock) ----

    /** The last block's height (0 before the first batch). */
    public long height() {
        return height;
    }

    /** The last block's hash (the genesis zeros before the first batch). */
    public byte[] head() {
        return head.clone();
    }

    /** The last block's Raft log index. */
    public long headIndex() {
        return headIndex;
    }

    /** The header bytes of block {@code h}, or null if the history has none. */
    public byte[] header(long h) {
        return archive.find(headerKind, h);
    }

    /** The events of block {@code h} in apply order (empty for a block without events). */
    public List<byte[]> events(long h) {
        byte[] r = archive.find(eventsKind, h);
        return r == null ? List.of() : readEvents(r);
    }

    /** The height of the block that applied the command stamped {@code timestamp}, or 0 if none is known. */
    public long blockAt(long timestamp) {
        LongArrayList found = new LongArrayList();
        archive.list(blocksByTime, shardId, timestamp + 1, 1, found);
        long best = 0;
        for (int i = 0; i < found.size(); i++) {
            best = Math.max(best, found.getLong(i));
        }
        return best;
    }

    /**
     * The inclusion of the first event of block {@code h} whose type is {@code type} and whose
     * payload begins with {@code id} (a transfer's, a trade's), or null if the block has none.
     */
    public Inclusion inclusion(long h, byte type, long id) {
        return inclusion(h, ev -> ev[0] == type && ev.length >= 9 && ByteBuffer.wrap(ev, 1, 8).getLong() == id);
    }

    /** The inclusion of the first event of block {@code h} that {@code wanted} accepts (tag first), or null. */
    public Inclusion inclusion(long h, Predicate<byte[]> wanted) {
        byte[] header = header(h);
        if (header == null) {
            return null;
        }
        List<byte[]> events = events(h);
        for (int i = 0; i < events.size(); i++) {
            if (wanted.test(events.get(i))) {
                AuditHash hh = new AuditHash();
                List<byte[]> leaves = new ArrayList<>(events.size());
                for (byte[] x : events) {
                    leaves.add(hh.leaf(x));
                }
                return new Inclusion(shardId, h, events.get(i), i, MerkleTree.inclusionPath(hh, leaves, i), header);
            }
        }
        return null;
    }

    /** The header bytes of blocks {@code from} to {@code to}, both included (a proof's way to a checkpoint's head). */
    public List<byte[]> headers(long from, long to) {
        List<byte[]> out = new ArrayList<>();
        for (long h = from; h <= to; h++) {
            byte[] b = header(h);
            if (b == null) {
                throw new IllegalStateException("shard " + shardId + " has no block " + h + " in its history");
            }
            out.add(b);
        }
        return out;
    }

    // ---- ShardModule ----

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public CommandFamily family() {
        return new CommandFamily() {
            @Override
            public String name() {
                return "audit";
            }

            @Override
            public List<CommandType<?>> types() {
                return List.of();
            }
        };
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        throw new IllegalArgumentException("the audit module owns no command: " + c);
    }

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        out.writeLong(height);
        out.write(head);
        out.writeLong(headIndex);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        height = in.readLong();
        in.readFully(head);
        headIndex = in.readLong();
    }

    @Override
    public void clear() {
        height = 0;
        head = BlockHeader.genesis.clone();
        headIndex = 0;
    }

    @Override
    public long digest() {
        long h = StateDigest.mix(height, headIndex);
        ByteBuffer b = ByteBuffer.wrap(head);
        for (int i = 0; i < AuditHash.bytes / 8; i++) {
            h = StateDigest.mix(h, b.getLong(i * 8));
        }
        return h;
    }
}
