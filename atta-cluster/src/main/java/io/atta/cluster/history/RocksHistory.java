package io.atta.cluster.history;

import io.atta.cluster.HistoryReader;
import io.atta.cluster.ServiceException;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.ledger.TransferRecordCodec;
import io.atta.engine.ledger.TransferStore;
import org.agrona.collections.Long2ObjectHashMap;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A shard's transfer history in RocksDB: the {@link TransferStore} its ledger writes once per
 * batch, and the {@link HistoryReader} queries are served from.
 *
 * <p>The Raft log is the write-ahead log, so RocksDB's own WAL is off. That is safe because
 * the live database is never trusted across a restart: it is rebuilt from the snapshot's
 * checkpoint (or started empty) and the log after the snapshot is applied again. A database
 * that was ahead of the snapshot would make the replay see transfers "from the future" and
 * answer {@code exists} where the first run answered {@code ok}.
 */
public final class RocksHistory implements TransferStore, HistoryReader, AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final Options options;
    private final WriteOptions writeOptions;
    private volatile RocksDB db;
    /** Read side: every use of {@link #db}; write side: replacing or closing it. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock access =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private long applyingIndex;
    /** Bytes of one balance event in an account's group: timestamp, transfer id, expired, 4 balances. */
    private static final int eventBytes = 8 + 8 + 1 + 32;
    // Scratch state of commit(), used by the applying thread only.
    private final WriteBatchBuilder batchBuilder = new WriteBatchBuilder();
    private final Long2ObjectHashMap<int[]> heads = new Long2ObjectHashMap<>();
    private int[] next = new int[1024];
    private byte[] scratch = new byte[4096];

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
        deleteTree(dir);
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
        if (count == 0) {
            return; // RocksJava's multiGet refuses an empty key list
        }
        List<byte[]> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(HistoryKeys.transfer(ids[i]));
        }
        try {
            List<byte[]> values = db.multiGetAsList(keys);
            for (int i = 0; i < count; i++) {
                byte[] v = values.get(i);
                if (v != null) {
                    out.put(ids[i], TransferRecordCodec.read(ByteBuffer.wrap(v)));
                }
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("history read failed", e);
        }
    }

    @Override
    public void commit(List<TransferRecord> transfers, List<BalanceEvent> events) {
        locked(() -> {
            commitUnlocked(transfers, events);
            return null;
        });
    }

    private void commitUnlocked(List<TransferRecord> transfers, List<BalanceEvent> events) {
        WriteBatchBuilder b = batchBuilder;
        b.reset();
        ByteBuffer value = ByteBuffer.wrap(scratch);
        for (TransferRecord r : transfers) {
            value.clear();
            TransferRecordCodec.write(r, value);
            b.put(HistoryKeys.transfer(r.id()), scratch, value.position());
        }
        putAccountEvents(b, events);
        b.put(HistoryKeys.appliedIndexKey, ByteBuffer.allocate(8).putLong(applyingIndex).array(), 8);
        try (WriteBatch batch = new WriteBatch(b.toBytes())) {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("history write failed at log index " + applyingIndex, e);
        }
    }

    /**
     * One key per account per batch, {@code 'a' account firstTimestamp}, whose value is that
     * account's events of the batch in order ({@link #eventBytes} each). A hot account (a
     * house account, a merchant) then costs one key per batch rather than one per transfer.
     */
    private void putAccountEvents(WriteBatchBuilder b, List<BalanceEvent> events) {
        int n = events.size();
        if (n == 0) {
            return;
        }
        if (next.length < n) {
            next = new int[Math.max(n, next.length * 2)];
        }
        // Chain each account's events in order: heads maps account -> {first, last}.
        heads.clear();
        for (int i = 0; i < n; i++) {
            next[i] = -1;
            int[] ht = heads.get(events.get(i).accountId());
            if (ht == null) {
                heads.put(events.get(i).accountId(), new int[] {i, i, 1});
            } else {
                next[ht[1]] = i;
                ht[1] = i;
                ht[2]++;
            }
        }
        for (Long2ObjectHashMap<int[]>.EntryIterator e = heads.entrySet().iterator(); e.hasNext(); ) {
            e.next();
            int[] ht = e.getValue();
            int size = ht[2] * eventBytes;
            if (scratch.length < size) {
                scratch = new byte[Math.max(size, scratch.length * 2)];
            }
            ByteBuffer v = ByteBuffer.wrap(scratch);
            for (int i = ht[0]; i >= 0; i = next[i]) {
                BalanceEvent ev = events.get(i);
                v.putLong(ev.timestamp()).putLong(ev.transferId()).put((byte) (ev.expired() ? 1 : 0))
                        .putLong(ev.debitsPending()).putLong(ev.debitsPosted()).putLong(ev.creditsPending())
                        .putLong(ev.creditsPosted());
            }
            b.put(HistoryKeys.accountEvent(e.getLongKey(), events.get(ht[0]).timestamp()), scratch, size);
        }
    }

    private static BalanceEvent readEvent(long accountId, ByteBuffer v) {
        long ts = v.getLong();
        long transferId = v.getLong();
        boolean expired = v.get() != 0;
        return new BalanceEvent(accountId, ts, transferId, expired, v.getLong(), v.getLong(), v.getLong(),
                v.getLong());
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
    public List<TransferRecord> accountTransfers(long accountId, long fromTs, long toTs, int limit) {
        return locked(() -> accountTransfersUnlocked(accountId, fromTs, toTs, limit));
    }

    private List<TransferRecord> accountTransfersUnlocked(long accountId, long fromTs, long toTs, int limit) {
        if (toTs <= fromTs || limit <= 0) {
            return List.of();
        }
        List<byte[]> keys = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(ro)) {
            it.seekForPrev(HistoryKeys.accountEvent(accountId, toTs - 1));
            scan:
            while (it.isValid()) {
                byte[] key = it.key();
                if (!HistoryKeys.isAccountEventOf(key, accountId)) {
                    break;
                }
                List<BalanceEvent> group = readGroup(accountId, it.value());
                for (int i = group.size() - 1; i >= 0; i--) {
                    BalanceEvent ev = group.get(i);
                    if (ev.timestamp() >= toTs || ev.expired()) {
                        continue;
                    }
                    if (ev.timestamp() < fromTs || ids.size() >= limit) {
                        break scan;
                    }
                    ids.add(ev.transferId());
                    keys.add(HistoryKeys.transfer(ev.transferId()));
                }
                it.prev();
            }
        }
        if (keys.isEmpty()) {
            return List.of(); // RocksJava's multiGet refuses an empty key list
        }
        try {
            List<byte[]> values = db.multiGetAsList(keys);
            List<TransferRecord> out = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                byte[] v = values.get(i);
                if (v == null) {
                    throw new IllegalStateException("history index names missing transfer " + ids.get(i));
                }
                out.add(TransferRecordCodec.read(ByteBuffer.wrap(v)));
            }
            return out;
        } catch (RocksDBException e) {
            throw new IllegalStateException("history read failed", e);
        }
    }

    private static List<BalanceEvent> readGroup(long accountId, byte[] value) {
        ByteBuffer v = ByteBuffer.wrap(value);
        List<BalanceEvent> out = new ArrayList<>(value.length / eventBytes);
        while (v.hasRemaining()) {
            out.add(readEvent(accountId, v));
        }
        return out;
    }

    @Override
    public Optional<BalanceEvent> balanceAt(long accountId, long timestamp) {
        return locked(() -> balanceAtUnlocked(accountId, timestamp));
    }

    private Optional<BalanceEvent> balanceAtUnlocked(long accountId, long timestamp) {
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(ro)) {
            it.seekForPrev(HistoryKeys.accountEvent(accountId, timestamp));
            if (!it.isValid() || !HistoryKeys.isAccountEventOf(it.key(), accountId)) {
                return Optional.empty();
            }
            // The group starts at or before the time asked; its last event at or before it wins.
            BalanceEvent found = null;
            for (BalanceEvent ev : readGroup(accountId, it.value())) {
                if (ev.timestamp() > timestamp) {
                    break;
                }
                found = ev;
            }
            return Optional.ofNullable(found);
        }
    }

    /** Writes a consistent copy of the history into {@code target} (which must not exist); returns its files. */
    public List<String> checkpoint(Path target) {
        return locked(() -> checkpointUnlocked(target));
    }

    private List<String> checkpointUnlocked(Path target) {
        try (Checkpoint cp = Checkpoint.create(db)) {
            cp.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
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
        deleteTree(dir);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : (Iterable<Path>) files::iterator) {
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

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
