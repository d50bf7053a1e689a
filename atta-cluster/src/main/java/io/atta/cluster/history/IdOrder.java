package io.atta.cluster.history;

import io.atta.engine.ledger.TransferRecord;

import java.util.List;

/**
 * The positions of a batch's transfer records in ascending id order, stable (two records of one
 * id, a pending transfer and its update, keep their order, so the later one stays the newer in
 * the store). RocksDB's memtable inserts a write batch's keys one after another, each starting
 * from where the last one landed: ascending keys cost a few steps each, keys in arrival order a
 * full descent of the skip list with a cache miss per level. Scratch state, reused per batch.
 */
final class IdOrder {
    private int[] order = new int[1024];
    private int[] spare = new int[1024];
    private long[] ids = new long[1024];

    /** Sorts {@code records}' positions by id; returns the array holding them (the first {@code records.size()}). */
    int[] sort(List<TransferRecord> records) {
        int n = records.size();
        if (order.length < n) {
            int size = Math.max(n, order.length * 2);
            order = new int[size];
            spare = new int[size];
            ids = new long[size];
        }
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            ids[i] = records.get(i).id();
            order[i] = i;
            sorted &= i == 0 || ids[i - 1] <= ids[i];
        }
        if (!sorted) {
            mergeSort(0, n);
        }
        return order;
    }

    /** Sorts {@code order[from, to)} by id, stable. */
    private void mergeSort(int from, int to) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int p = order[i];
                int j = i - 1;
                while (j >= from && ids[order[j]] > ids[p]) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = p;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(from, mid);
        mergeSort(mid, to);
        if (ids[order[mid - 1]] <= ids[order[mid]]) {
            return;
        }
        System.arraycopy(order, from, spare, from, to - from);
        int a = from;
        int b = mid;
        for (int k = from; k < to; k++) {
            if (b >= to || a < mid && ids[spare[a]] <= ids[spare[b]]) {
                order[k] = spare[a++];
            } else {
                order[k] = spare[b++];
            }
        }
    }
}
