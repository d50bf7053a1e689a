package io.atta.cluster.history;

import io.atta.cluster.DataDirectory;
import io.atta.cluster.HistoryReader;
import io.atta.cluster.ServiceException;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransactionOutcome;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.ledger.TransferRecordCodec;
import io.atta.engine.ledger.TransferStore;
import org.agrona.collections.Long2ObjectHashMap;
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
    /** Per-batch scratch: each account's events chained as {first, last, count}. */
    private final Long2ObjectHashMap<int[]> chains = new Long2ObjectHashMap<>();
    private long[] chainAccounts = new long[1024];
    private final AccountHeads heads = new AccountHeads();
    private int[] next = new int[1024];
    private int chainCount;
    private long batchTimestamp;
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
    public void loadOutcomes(long[] txIds, int count, Map<Long, TransactionOutcome> out) {
        if (count == 0) {
            return; // RocksJava's multiGet refuses an empty key list
        }
        locked(() -> {
            List<byte[]> keys = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                keys.add(HistoryKeys.outcome(txIds[i]));
            }
            try {
                List<byte[]> values = db.multiGetAsList(keys);
                for (int i = 0; i < count; i++) {
                    byte[] v = values.get(i);
                    if (v != null) {
                        out.put(txIds[i], OutcomeCodec.read(ByteBuffer.wrap(v)));
                    }
                }
            } catch (RocksDBException e) {
                throw new IllegalStateException("history read failed", e);
            }
            return null;
        });
    }

    @Override
    public void commit(List<TransferRecord> transfers, List<BalanceEvent> events, List<TransactionOutcome> outcomes) {
        locked(() -> {
            commitUnlocked(transfers, events, outcomes);
            return null;
        });
    }

    private void commitUnlocked(List<TransferRecord> transfers, List<BalanceEvent> events,
                                List<TransactionOutcome> outcomes) {
        WriteBatchBuilder b = batchBuilder;
        b.reset();
        ByteBuffer value = ByteBuffer.wrap(scratch);
        for (TransferRecord r : transfers) {
            value.clear();
            TransferRecordCodec.write(r, value);
            b.put(HistoryKeys.transfer(r.id()), scratch, value.position());
        }
        for (TransactionOutcome o : outcomes) {
            b.put(HistoryKeys.outcome(o.txId()), OutcomeCodec.write(o), OutcomeCodec.bytes);
        }
        putAccountEvents(b, events);
        b.put(HistoryKeys.appliedIndexKey, ByteBuffer.allocate(8).putLong(applyingIndex).array(), 8);
        try (WriteBatch batch = new WriteBatch(b.toBytes())) {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("history write failed at log index " + applyingIndex, e);
        }
        // Only now that the groups are stored may readers start their walks from them.
        heads.advance(chainAccounts, chainCount, batchTimestamp);
    }

    /**
     * One key per account per batch, {@code 'g' batchTimestamp account}, whose value is the
     * batch time of the account's previous group and then its events of this batch in order
     * ({@link #eventBytes} each). A hot account (a house account, a merchant) costs one key per
     * batch, not one per transfer; and the keys follow time, so writes append.
     */
    private void putAccountEvents(WriteBatchBuilder b, List<BalanceEvent> events) {
        int n = events.size();
        chainCount = 0;
        if (n == 0) {
            return;
        }
        if (next.length < n) {
            next = new int[Math.max(n, next.length * 2)];
        }
        chains.clear();
        for (int i = 0; i < n; i++) {
            next[i] = -1;
            long account = events.get(i).accountId();
            int[] ht = chains.get(account);
            if (ht == null) {
                chains.put(account, new int[] {i, i, 1});
                if (chainCount == chainAccounts.length) {
                    chainAccounts = java.util.Arrays.copyOf(chainAccounts, chainCount * 2);
                }
                chainAccounts[chainCount++] = account;
            } else {
                next[ht[1]] = i;
                ht[1] = i;
                ht[2]++;
            }
        }
        batchTimestamp = events.get(0).timestamp();
        for (int c = 0; c < chainCount; c++) {
            long account = chainAccounts[c];
            int[] ht = chains.get(account);
            int size = 8 + ht[2] * eventBytes;
            if (scratch.length < size) {
                scratch = new byte[Math.max(size, scratch.length * 2)];
            }
            ByteBuffer v = ByteBuffer.wrap(scratch);
            v.putLong(heads.current(account));
            for (int i = ht[0]; i >= 0; i = next[i]) {
                BalanceEvent ev = events.get(i);
                v.putLong(ev.timestamp()).putLong(ev.transferId()).put((byte) (ev.expired() ? 1 : 0))
                        .putLong(ev.debitsPending()).putLong(ev.debitsPosted()).putLong(ev.creditsPending())
                        .putLong(ev.creditsPosted());
            }
            b.put(HistoryKeys.group(batchTimestamp, account), scratch, size);
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
        walk:
        for (Group g = group(accountId, heads.get(accountId)); g != null; g = group(accountId, g.previous())) {
            for (int i = g.events().size() - 1; i >= 0; i--) {
                BalanceEvent ev = g.events().get(i);
                if (ev.timestamp() >= toTs || ev.expired()) {
                    continue;
                }
                if (ev.timestamp() < fromTs || ids.size() >= limit) {
                    break walk;
                }
                ids.add(ev.transferId());
                keys.add(HistoryKeys.transfer(ev.transferId()));
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
        List<BalanceEvent> events = new ArrayList<>(v.remaining() / eventBytes);
        while (v.hasRemaining()) {
            events.add(readEvent(accountId, v));
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
