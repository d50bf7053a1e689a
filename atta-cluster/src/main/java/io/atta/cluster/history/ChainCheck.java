package io.atta.cluster.history;

import io.atta.core.audit.AuditHash;
import io.atta.core.audit.ChainVerifier;
import io.atta.core.audit.EventTypes;
import io.atta.engine.audit.AuditModule;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code atta verify --data}'s check of one shard's stored history against its audit chain
 * (docs/AUDIT.md): opens the history read-only, recomputes the chain from the stored blocks
 * ({@link ChainVerifier}: a changed, missing or reordered block or event breaks it at that
 * height), then checks that every transfer record stored is the last transfer event the chain
 * holds for its id and that every transfer on the chain is stored. Reads a stopped node only.
 */
public final class ChainCheck {
    static {
        RocksDB.loadLibrary();
    }

    /** What the check found: the blocks it recomputed, the head, and the first failure or null. */
    public record Outcome(int shard, long blocks, byte[] head, long transfers, String failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private ChainCheck() {
    }

    /** Checks the history at {@code historyDir} (a shard's {@code history} directory) of {@code shard}. */
    public static Outcome check(int shard, Path historyDir) {
        ChainVerifier verifier = new ChainVerifier(shard);
        AuditHash hash = new AuditHash();
        // Per transfer id: the hash of its last event on the chain and the block holding it.
        Map<Long, byte[]> lastEvent = new HashMap<>();
        Map<Long, Long> lastBlock = new HashMap<>();
        try (Options options = new Options(); RocksDB db = RocksDB.openReadOnly(options, historyDir.toString());
             RocksIterator it = db.newIterator()) {
            byte[] prefix = {HistoryKeys.archivedPrefix, AuditModule.headerKind};
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key.length != 10 || key[0] != prefix[0] || key[1] != prefix[1]) {
                    break;
                }
                long height = ByteBuffer.wrap(key, 2, 8).getLong();
                byte[] eventsRecord = db.get(HistoryKeys.archived(AuditModule.eventsKind, height));
                List<byte[]> events;
                try {
                    events = eventsRecord == null ? null : AuditModule.readEvents(eventsRecord);
                } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
                    return new Outcome(shard, verifier.height(), verifier.head(), 0, "shard " + shard + " height "
                            + height + ": its events record cannot be read: " + e.getMessage());
                }
                String failure = verifier.next(height, it.value(), events);
                if (failure != null) {
                    return new Outcome(shard, verifier.height(), verifier.head(), 0, failure);
                }
                for (byte[] ev : events == null ? List.<byte[]>of() : events) {
                    if (ev[0] == EventTypes.transfer && ev.length > 9) {
                        long id = ByteBuffer.wrap(ev, 1, 8).getLong();
                        lastEvent.put(id, hash.plain(Arrays.copyOfRange(ev, 1, ev.length)));
                        lastBlock.put(id, height);
                    }
                }
            }
            long transfers = 0;
            for (it.seek(new byte[] {HistoryKeys.transferPrefix}); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key[0] != HistoryKeys.transferPrefix) {
                    break;
                }
                long id = ByteBuffer.wrap(key, 1, 8).getLong();
                byte[] expected = lastEvent.remove(id);
                if (expected == null) {
                    // A record written before the chain existed (an older build's history) has no event.
                    continue;
                }
                transfers++;
                if (!Arrays.equals(expected, hash.plain(it.value()))) {
                    return new Outcome(shard, verifier.height(), verifier.head(), transfers, "shard " + shard
                            + " height " + lastBlock.get(id) + ": transfer " + id
                            + " in the history differs from its event on the chain");
                }
            }
            if (!lastEvent.isEmpty()) {
                long id = lastEvent.keySet().iterator().next();
                return new Outcome(shard, verifier.height(), verifier.head(), transfers, "shard " + shard + " height "
                        + lastBlock.get(id) + ": transfer " + id + " is on the chain but missing from the history");
            }
            return new Outcome(shard, verifier.height(), verifier.head(), transfers, null);
        } catch (RocksDBException e) {
            return new Outcome(shard, 0, null, 0, "shard " + shard + ": cannot open its history at " + historyDir
                    + ": " + e.getMessage());
        }
    }
}
