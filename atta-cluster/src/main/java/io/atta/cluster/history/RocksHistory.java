package io.atta.cluster.history;

import io.atta.cluster.DataDirectory;
import io.atta.cluster.HistoryReader;
import io.atta.cluster.AccountPage;
import io.atta.cluster.Change;
import io.atta.cluster.ServiceException;
import io.atta.cluster.TransferRow;
import io.atta.core.TransferFlags;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransactionOutcome;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.ledger.TransferRecordCodec;
import io.atta.engine.ledger.TransferStore;
import io.atta.engine.shard.RecordArchive;
import org.agrona.collections.LongArrayList;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * A shard's transfer history in RocksDB: the {@link TransferStore} its ledger writes once per
 * batch, and the {@link HistoryReader} queries are served from. It also holds the modules' final
 * records ({@link RecordArchive}): those put while a batch is applied are written with the batch.
 *
 * <p>The Raft log is the write-ahead log, so RocksDB's own WAL is off. That is safe because
 * the live database is never trusted across a restart: it is rebuilt from the snapshot's
 * checkpoint (or started empty) and the log after the snapshot is applied again. A database
 * that was ahead of the snapshot would make the replay see transfers "from the future" and
 * answer {@code exists} where the first run answered {@code ok}.
 */
public final class RocksHistory implements TransferStore, HistoryReader, RecordArchive, AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private static final int resolvingFlags = TransferFlags.postPending | TransferFlags.voidPending;

    private final Path dir;
    private final Options options;
    private final WriteOptions writeOptions;
    private volatile RocksDB db;
    /** Read side: every use of {@link #db}; write side: replacing or closing it. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock access =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private long applyingIndex;
    // Scratch state of commit(), used by the applying thread only.
    private final WriteBatchBuilder batchBuilder = new WriteBatchBuilder();
    private final AccountEventGroups groups = new AccountEventGroups();
    private final AccountHeads heads = new AccountHeads();
    private final byte[] scratch = new byte[TransferRecordCodec.bytes];
    private final IdOrder idOrder = new IdOrder();
    private final BatchChanges changes = new BatchChanges();
    private static final byte[] empty = {};
    /** Final records put by the batch being applied, when this store is used without a projection in front. */
    private final List<Entry> pendingArchived = new ArrayList<>();
    private final Map<String, byte[]> pendingById = new HashMap<>();
    /** Changed records put by the batch being applied, when this store is used without a projection in front. */
    private final List<BatchChanges.Put> pendingChanges = new ArrayList<>();
    /** The log index of the last change records written and the next one's place in it (several commits may share an index). */
    private long changeIndex = -1;
    private int nextChangeSeq;

    private RocksHistory(Path dir) {
        this.dir = dir;
        this.options = new Options().setCreateIfMissing(true)
                .setWriteBufferSize(64L << 20)
                .setMaxWriteBufferNumber(4)
                .setMaxBackgroundJobs(2)
                .setCompressionType(org.rocksdb.CompressionType.NO_COMPRESSION)
                .setCompactionStyle(org.rocksdb.CompactionStyle.UNIVERSAL)
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false)));
        this.writeOptions = new WriteOptions().setDisableWAL(true);
    }

    /** Opens an empty history at {@code dir}, deleting whatever was there (see the class comment). */
    public static RocksHistory openEmpty(Path dir) {
        RocksHistory h = new RocksHistory(dir);
        DataDirectory.delete(dir);
        h.open();
        return h;
    }

    private void open() {
        try {
            Files.createDirectories(dir);
            db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException | IOException e) {
            throw new IllegalStateException("cannot open history at " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Sets the log index that the next {@link #commit} belongs to. */
    public void setApplyingIndex(long index) {
        this.applyingIndex = index;
    }

    /** The last log index whose batch this history holds. */
    public long appliedIndex() {
        return locked(this::appliedIndexUnlocked);
    }

    private long appliedIndexUnlocked() {
        try {
            byte[] v = db.get(HistoryKeys.appliedIndexKey);
            return v == null ? 0 : ByteBuffer.wrap(v).getLong();
        } catch (RocksDBException e) {
            throw new IllegalStateException("history read failed", e);
        }
    }

    @Override
    public void load(long[] ids, int count, Map<Long, TransferRecord> out) {
        locked(() -> {
            loadUnlocked(ids, count, out);
            return null;
        });
    }

    private void loadUnlocked(long[] ids, int count, Map<Long, TransferRecord> out) {
        multiGet(ids, count, HistoryKeys::transfer, TransferRecordCodec::read, out);
    }

    @Override
    public void loadOutcomes(long[] txIds, int count, Map<Long, TransactionOutcome> out) {
        locked(() -> {
            multiGet(txIds, count, HistoryKeys::outcome, OutcomeCodec::read, out);
            return null;
        });
    }

    /** Looks up {@code count} ids in one call, adding to {@code out} the decoded value of each one found. */
    private <T> void multiGet(long[] ids, int count, LongFunction<byte[]> key, Function<ByteBuffer, T> decode,
                              Map<Long, T> out) {
        if (count == 0) {
            return; // RocksJava's multiGet refuses an empty key list
        }
        List<byte[]> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(key.apply(ids[i]));
        }
        try {
            List<byte[]> values = db.multiGetAsList(keys);
            for (int i = 0; i < count; i++) {
                byte[] v = values.get(i);
                if (v != null) {
                    out.put(ids[i], decode.apply(ByteBuffer.wrap(v)));
                }
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("history read failed", e);
        }
    }

    @Override
    public void commit(List<TransferRecord> transfers, List<BalanceEvent> events, List<TransactionOutcome> outcomes) {
        List<Entry> archived = List.copyOf(pendingArchived);
        List<BatchChanges.Put> changed = List.copyOf(pendingChanges);
        pendingArchived.clear();
        pendingById.clear();
        pendingChanges.clear();
        commit(transfers, events, outcomes, archived, changed);
    }

    /**
     * As {@link #commit(List, List, List)}, with the final records the batch archived and the
     * records it changed: with the batch's change records ({@link BatchChanges}), in one write.
     */
    void commit(List<TransferRecord> transfers, List<BalanceEvent> events, List<TransactionOutcome> outcomes,
                List<Entry> archived, List<BatchChanges.Put> changed) {
        locked(() -> {
            commitUnlocked(transfers, events, outcomes, archived, changed);
            return null;
        });
    }

    private void commitUnlocked(List<TransferRecord> transfers, List<BalanceEvent> events,
                                List<TransactionOutcome> outcomes, List<Entry> archived,
                                List<BatchChanges.Put> changed) {
        WriteBatchBuilder b = batchBuilder;
        b.reset();
        ByteBuffer value = ByteBuffer.wrap(scratch);
        int[] order = idOrder.sort(transfers);
        for (int i = 0, n = transfers.size(); i < n; i++) {
            TransferRecord r = transfers.get(order[i]);
            value.clear();
            TransferRecordCodec.write(r, value);
            b.put(HistoryKeys.transferPrefix, r.id(), scratch, value.position());
        }
        for (TransferRecord r : transfers) {
            if ((r.flags() & resolvingFlags) != 0) {
                b.put(HistoryKeys.resolution(r.pendingId()), ByteBuffer.allocate(8).putLong(r.id()).array(), 8);
            }
        }
        for (TransactionOutcome o : outcomes) {
            b.put(HistoryKeys.outcome(o.txId()), OutcomeCodec.write(o), OutcomeCodec.bytes);
        }
        for (Entry e : archived) {
            b.put(HistoryKeys.archived(e.kind(), e.id()), e.bytes(), e.bytes().length);
            for (int i = 0; i < e.listKinds().length; i++) {
                b.put(HistoryKeys.place(e.listKinds()[i], e.listOwners()[i], e.createdAt(), e.id()), empty, 0);
            }
        }
        groups.put(b, events, heads);
        if (applyingIndex != changeIndex) {
            changeIndex = applyingIndex;
            nextChangeSeq = 0;
        }
        nextChangeSeq = changes.write(b, applyingIndex, nextChangeSeq, transfers, events, changed,
                id -> transferUnlocked(id).orElse(null));
        b.put(HistoryKeys.appliedIndexKey, ByteBuffer.allocate(8).putLong(applyingIndex).array(), 8);
        try (WriteBatch batch = new WriteBatch(b.toBytes())) {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("history write failed at log index " + applyingIndex, e);
        }
        // Only now that the groups are stored may readers start their walks from them.
        groups.advance(heads);
    }

    @Override
    public Optional<TransferRecord> transfer(long id) {
        return locked(() -> transferUnlocked(id));
    }

    private Optional<TransferRecord> transferUnlocked(long id) {
        try {
            byte[] v = db.get(HistoryKeys.transfer(id));
            return v == null ? Optional.empty() : Optional.of(TransferRecordCodec.read(ByteBuffer.wrap(v)));
        } catch (RocksDBException e) {
            throw new IllegalStateException("history read failed", e);
        }
    }

    @Override
    public Optional<TransferRecord> resolutionOf(long pendingId) {
        return locked(() -> {
            try {
                byte[] v = db.get(HistoryKeys.resolution(pendingId));
                return v == null ? Optional.empty() : transferUnlocked(ByteBuffer.wrap(v).getLong());
            } catch (RocksDBException e) {
                throw new IllegalStateException("history read failed", e);
            }
        });
    }

    @Override
    public List<TransferRow> accountTransfers(long accountId, long fromTs, long toTs, int limit) {
        return locked(() -> accountTransfersUnlocked(accountId, fromTs, toTs, limit));
    }

    /**
     * Walks the account's groups back from its head, letting {@link AccountPage} pick one row per
     * transfer, then reads the rows' records and, for pending transfers a post or void resolved,
     * the resolving transfers: three look-ups in all, however many events lie behind the rows.
     */
    private List<TransferRow> accountTransfersUnlocked(long accountId, long fromTs, long toTs, int limit) {
        AccountPage page = new AccountPage(fromTs, toTs, limit);
        walk:
        for (Group g = group(accountId, heads.get(accountId)); g != null; g = group(accountId, g.previous())) {
            for (int i = g.events().size() - 1; i >= 0; i--) {
                if (!page.offer(g.events().get(i))) {
                    break walk;
                }
            }
        }
        long[] ids = page.ids();
        Map<Long, TransferRecord> records = new HashMap<>(ids.length * 2);
        multiGet(ids, ids.length, HistoryKeys::transfer, TransferRecordCodec::read, records);
        long[] resolved = new long[ids.length];
        int resolvedCount = 0;
        for (long id : ids) {
            TransferRecord r = records.get(id);
            if (r == null) {
                throw new IllegalStateException("history index names missing transfer " + id);
            }
            if (TransferRow.resolvedByTransfer(r)) {
                resolved[resolvedCount++] = id;
            }
        }
        Map<Long, Long> resolvers = new HashMap<>(resolvedCount * 2);
        multiGet(resolved, resolvedCount, HistoryKeys::resolution, b -> b.getLong(), resolvers);
        long[] resolverIds = resolvers.values().stream().mapToLong(Long::longValue).toArray();
        Map<Long, TransferRecord> resolutions = new HashMap<>(resolverIds.length * 2);
        multiGet(resolverIds, resolverIds.length, HistoryKeys::transfer, TransferRecordCodec::read, resolutions);
        List<TransferRow> rows = new ArrayList<>(ids.length);
        for (long id : ids) {
            Long resolver = resolvers.get(id);
            rows.add(new TransferRow(records.get(id), resolver == null ? null : resolutions.get(resolver)));
        }
        return rows;
    }

    /** One account's events of one batch, and the batch time of its group before (0: none). */
    private record Group(long previous, List<BalanceEvent> events) {
    }

    /** The account's group of the batch at {@code batchTimestamp}, or null when there is none (0). */
    private Group group(long accountId, long batchTimestamp) {
        if (batchTimestamp == 0) {
            return null;
        }
        byte[] value;
        try {
            value = db.get(HistoryKeys.group(batchTimestamp, accountId));
        } catch (RocksDBException e) {
            throw new IllegalStateException("history read failed", e);
        }
        if (value == null) {
            throw new IllegalStateException("account " + accountId + "'s history names a missing group at "
                    + batchTimestamp);
        }
        ByteBuffer v = ByteBuffer.wrap(value);
        long previous = v.getLong();
        List<BalanceEvent> events = new ArrayList<>(v.remaining() / AccountEventGroups.eventBytes);
        while (v.hasRemaining()) {
            events.add(AccountEventGroups.readEvent(accountId, v));
        }
        return new Group(previous, events);
    }

    @Override
    public Optional<BalanceEvent> balanceAt(long accountId, long timestamp) {
        return locked(() -> balanceAtUnlocked(accountId, timestamp));
    }

    private Optional<BalanceEvent> balanceAtUnlocked(long accountId, long timestamp) {
        // Walk back to the newest group with an event at or before the time asked; its last
        // such event holds the balances then.
        for (Group g = group(accountId, heads.get(accountId)); g != null; g = group(accountId, g.previous())) {
            for (int i = g.events().size() - 1; i >= 0; i--) {
                if (g.events().get(i).timestamp() <= timestamp) {
                    return Optional.of(g.events().get(i));
                }
            }
        }
        return Optional.empty();
    }

    /** Holds the record until the batch being applied commits (a store used without a projection in front). */
    @Override
    public void put(Entry e) {
        pendingArchived.add(e);
        pendingById.put(e.kind() + ":" + e.id(), e.bytes());
    }

    /** Holds the change until the batch being applied commits (a store used without a projection in front). */
    @Override
    public void changed(byte kind, long id, byte[] bytes) {
        pendingChanges.add(new BatchChanges.Put(kind, id, bytes));
    }

    /**
     * Up to {@code limit} change records after the cursor ({@code afterIndex}, {@code afterSeq}), in
     * cursor order; (0, -1) reads from the first.
     */
    public List<Change> changeRecords(long afterIndex, int afterSeq, int limit) {
        return locked(() -> {
            List<Change> out = new ArrayList<>(Math.min(limit, 1024));
            try (org.rocksdb.RocksIterator it = db.newIterator()) {
                byte[] from = afterSeq == Integer.MAX_VALUE ? HistoryKeys.change(afterIndex + 1, 0)
                        : HistoryKeys.change(afterIndex, afterSeq + 1);
                // Keys order as unsigned bytes: (0, -1) + 1 is (0, 0), the first possible cursor.
                for (it.seek(from); it.isValid() && out.size() < limit; it.next()) {
                    byte[] key = it.key();
                    if (key[0] != HistoryKeys.changePrefix || key.length != HistoryKeys.changeKeyBytes) {
                        break;
                    }
                    ByteBuffer k = ByteBuffer.wrap(key, 1, 12);
                    out.add(ChangeCodec.read(k.getLong(), k.getInt(), it.value()));
                }
            }
            return out;
        });
    }

    @Override
    public byte[] find(byte kind, long id) {
        byte[] pending = pendingById.isEmpty() ? null : pendingById.get(kind + ":" + id);
        if (pending != null) {
            return pending;
        }
        return locked(() -> {
            try {
                return db.get(HistoryKeys.archived(kind, id));
            } catch (RocksDBException e) {
                throw new IllegalStateException("history read failed", e);
            }
        });
    }

    @Override
    public void list(byte listKind, long owner, long before, int limit, LongArrayList out) {
        byte[] prefix = java.util.Arrays.copyOf(HistoryKeys.place(listKind, owner, 0, 0), 10);
        locked(() -> {
            try (org.rocksdb.RocksIterator it = db.newIterator()) {
                int n = 0;
                // The last place before (before, any id): every key of this list created earlier.
                for (it.seekForPrev(HistoryKeys.place(listKind, owner, before - 1, Long.MAX_VALUE));
                     it.isValid() && n < limit; it.prev()) {
                    byte[] key = it.key();
                    if (key.length != 26 || !java.util.Arrays.equals(key, 0, 10, prefix, 0, 10)) {
                        break;
                    }
                    out.addLong(ByteBuffer.wrap(key, 18, 8).getLong());
                    n++;
                }
            }
            return null;
        });
    }

    /** Calls {@code each} with the kind and id of every archived record (rebuilding an id filter). */
    public void forEachArchived(java.util.function.BiConsumer<Byte, Long> each) {
        locked(() -> {
            try (org.rocksdb.RocksIterator it = db.newIterator()) {
                for (it.seek(new byte[] {HistoryKeys.archivedPrefix}); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (key[0] != HistoryKeys.archivedPrefix) {
                        break;
                    }
                    each.accept(key[1], ByteBuffer.wrap(key, 2, 8).getLong());
                }
            }
            return null;
        });
    }

    /** Calls {@code each} with the id of every stored transfer record (rebuilding an id filter). */
    public void forEachTransferId(java.util.function.LongConsumer each) {
        locked(() -> {
            try (org.rocksdb.RocksIterator it = db.newIterator()) {
                for (it.seek(new byte[] {HistoryKeys.transferPrefix}); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (key[0] != HistoryKeys.transferPrefix) {
                        break;
                    }
                    each.accept(ByteBuffer.wrap(key, 1, 8).getLong());
                }
            }
            return null;
        });
    }

    /** Writes a consistent copy of the history into {@code target} (which must not exist); returns its files. */
    public List<String> checkpoint(Path target) {
        return locked(() -> checkpointUnlocked(target));
    }

    private List<String> checkpointUnlocked(Path target) {
        try (Checkpoint cp = Checkpoint.create(db)) {
            cp.createCheckpoint(target.toString());
            heads.write(target.resolve(AccountHeads.fileName));
        } catch (RocksDBException | IOException e) {
            throw new IllegalStateException("history checkpoint failed: " + e.getMessage(), e);
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the live history with the checkpoint at {@code source}. Table files are immutable
     * in RocksDB, so they are hard-linked; the files RocksDB appends to are copied, so the
     * snapshot stays untouched.
     */
    public void restoreFrom(Path source) {
        access.writeLock().lock();
        try {
            restoreUnlocked(source);
        } finally {
            access.writeLock().unlock();
        }
    }

    private void restoreUnlocked(Path source) {
        db.close();
        db = null;
        DataDirectory.delete(dir);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (f.getFileName().toString().equals(AccountHeads.fileName)) {
                        continue;
                    }
                    Path to = dir.resolve(f.getFileName().toString());
                    if (f.getFileName().toString().endsWith(".sst")) {
                        try {
                            Files.createLink(to, f);
                        } catch (UnsupportedOperationException | IOException e) {
                            Files.copy(f, to);
                        }
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
            heads.read(source.resolve(AccountHeads.fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore history from " + source, e);
        }
        open();
    }

    @Override
    public void close() {
        access.writeLock().lock();
        try {
            RocksDB d = db;
            db = null;
            if (d != null) {
                d.close();
            }
            writeOptions.close();
            options.close();
        } finally {
            access.writeLock().unlock();
        }
    }

    /**
     * Runs {@code work} with the database open and not being replaced. Every use of the native
     * handle goes through here: a read racing a restore (a follower installing a snapshot) or a
     * close would otherwise touch freed native memory and crash the JVM.
     */
    private <T> T locked(java.util.function.Supplier<T> work) {
        access.readLock().lock();
        try {
            if (db == null) {
                throw new ServiceException(ServiceException.Reason.stopped, "the history store is closed");
            }
            return work.get();
        } finally {
            access.readLock().unlock();
        }
    }
}
