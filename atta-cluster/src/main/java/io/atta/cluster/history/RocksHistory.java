package io.atta.cluster.history;

import io.atta.cluster.HistoryReader;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.ledger.TransferRecordCodec;
import io.atta.engine.ledger.TransferStore;
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
    private long applyingIndex;

    private RocksHistory(Path dir) {
        this.dir = dir;
        this.options = new Options().setCreateIfMissing(true)
                .setWriteBufferSize(64L << 20)
                .setMaxWriteBufferNumber(4)
                .setMaxBackgroundJobs(2)
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
        try {
            byte[] v = db.get(HistoryKeys.appliedIndexKey);
            return v == null ? 0 : ByteBuffer.wrap(v).getLong();
        } catch (RocksDBException e) {
            throw new IllegalStateException("history read failed", e);
        }
    }

    @Override
    public void load(long[] ids, int count, Map<Long, TransferRecord> out) {
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
        try (WriteBatch batch = new WriteBatch()) {
            ByteBuffer value = ByteBuffer.allocate(Math.max(TransferRecordCodec.bytes, 41));
            for (TransferRecord r : transfers) {
                value.clear();
                TransferRecordCodec.write(r, value);
                batch.put(HistoryKeys.transfer(r.id()), java.util.Arrays.copyOf(value.array(), value.position()));
            }
            for (BalanceEvent e : events) {
                byte[] v = ByteBuffer.allocate(41).putLong(e.transferId()).put((byte) (e.expired() ? 1 : 0))
                        .putLong(e.debitsPending()).putLong(e.debitsPosted()).putLong(e.creditsPending())
                        .putLong(e.creditsPosted()).array();
                batch.put(HistoryKeys.accountEvent(e.accountId(), e.timestamp()), v);
            }
            batch.put(HistoryKeys.appliedIndexKey, ByteBuffer.allocate(8).putLong(applyingIndex).array());
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("history write failed at log index " + applyingIndex, e);
        }
    }

    @Override
    public Optional<TransferRecord> transfer(long id) {
        try {
            byte[] v = db.get(HistoryKeys.transfer(id));
            return v == null ? Optional.empty() : Optional.of(TransferRecordCodec.read(ByteBuffer.wrap(v)));
        } catch (RocksDBException e) {
            throw new IllegalStateException("history read failed", e);
        }
    }

    @Override
    public List<TransferRecord> accountTransfers(long accountId, long fromTs, long toTs, int limit) {
        List<byte[]> keys = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(ro)) {
            if (toTs <= 0) {
                return List.of();
            }
            it.seekForPrev(HistoryKeys.accountEvent(accountId, toTs - 1));
            while (it.isValid() && ids.size() < limit) {
                byte[] key = it.key();
                if (!HistoryKeys.isAccountEventOf(key, accountId) || HistoryKeys.eventTimestamp(key) < fromTs) {
                    break;
                }
                ByteBuffer v = ByteBuffer.wrap(it.value());
                long transferId = v.getLong();
                boolean expired = v.get() != 0;
                if (!expired) {
                    ids.add(transferId);
                    keys.add(HistoryKeys.transfer(transferId));
                }
                it.prev();
            }
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

    @Override
    public Optional<BalanceEvent> balanceAt(long accountId, long timestamp) {
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(ro)) {
            it.seekForPrev(HistoryKeys.accountEvent(accountId, timestamp));
            if (!it.isValid() || !HistoryKeys.isAccountEventOf(it.key(), accountId)) {
                return Optional.empty();
            }
            ByteBuffer v = ByteBuffer.wrap(it.value());
            long transferId = v.getLong();
            boolean expired = v.get() != 0;
            return Optional.of(new BalanceEvent(accountId, HistoryKeys.eventTimestamp(it.key()), transferId, expired,
                    v.getLong(), v.getLong(), v.getLong(), v.getLong()));
        }
    }

    /** Writes a consistent copy of the history into {@code target} (which must not exist); returns its files. */
    public List<String> checkpoint(Path target) {
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
    public synchronized void restoreFrom(Path source) {
        db.close();
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
        RocksDB d = db;
        if (d != null) {
            d.close();
        }
        writeOptions.close();
        options.close();
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
