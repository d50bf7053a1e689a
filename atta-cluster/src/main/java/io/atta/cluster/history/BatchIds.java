package io.atta.cluster.history;

import io.atta.engine.ledger.TransferRecord;

import java.util.List;

/**
 * One tail batch's transfer ids and the position of each id's last record in the batch: an
 * open-addressing table of twice the batch's size, built once when the batch joins the tail and
 * dropped with it. Built on the applying thread, and small enough (8190 records: 16384 slots,
 * 192 KB) to stay in cache while it is filled, where one shared map of every tail record cost a
 * cache miss to put each record in and another to take it out.
 */
final class BatchIds {
    private static final long empty = 0; // transfer ids are never 0
    private final long[] keys;
    private final int[] positions;
    private final int mask;

    BatchIds(List<TransferRecord> records) {
        int n = records.size();
        int capacity = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
        keys = new long[capacity];
        positions = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < n; i++) {
            long id = records.get(i).id();
            if (id == empty) {
                throw new IllegalArgumentException("a stored transfer has id 0");
            }
            int slot = slot(id);
            while (keys[slot] != empty && keys[slot] != id) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = id;
            positions[slot] = i;
        }
    }

    /** The position of the last record of {@code id} in the batch, or -1 when it has none. */
    int positionOf(long id) {
        if (id == empty) {
            return -1;
        }
        for (int slot = slot(id); keys[slot] != empty; slot = (slot + 1) & mask) {
            if (keys[slot] == id) {
                return positions[slot];
            }
        }
        return -1;
    }

    private int slot(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
