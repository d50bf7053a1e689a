package io.atta.cluster.history;

import org.agrona.collections.Long2LongHashMap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * For each account with history, the batch time of its newest group of balance events: where
 * a walk back through its history starts. The applying thread updates it after each batch is
 * written; readers look heads up concurrently. It is part of the history's state, so it is
 * saved beside each checkpoint and restored with it.
 */
final class AccountHeads {
    static final String fileName = "account-heads.bin";
    private static final int magic = 0x41484453; // "AHDS"

    private final Long2LongHashMap heads = new Long2LongHashMap(1024, 0.65f, 0L);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** The batch time of the account's newest group, or 0 when it has none. */
    long get(long accountId) {
        lock.readLock().lock();
        try {
            return heads.get(accountId);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The head an account had before the batch being written (only the applying thread calls this). */
    long current(long accountId) {
        return heads.get(accountId);
    }

    /** Moves the heads of {@code accounts} to the batch just written. */
    void advance(long[] accounts, int count, long batchTimestamp) {
        lock.writeLock().lock();
        try {
            for (int i = 0; i < count; i++) {
                heads.put(accounts[i], batchTimestamp);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    void write(Path file) throws IOException {
        lock.readLock().lock();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            out.writeInt(heads.size());
            for (Long2LongHashMap.EntryIterator it = heads.entrySet().iterator(); it.hasNext(); ) {
                it.next();
                out.writeLong(it.getLongKey());
                out.writeLong(it.getLongValue());
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Replaces every head with those saved in {@code file}. */
    void read(Path file) throws IOException {
        lock.writeLock().lock();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != magic) {
                throw new IOException(file + " is not an account-heads file");
            }
            heads.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                heads.put(in.readLong(), in.readLong());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
