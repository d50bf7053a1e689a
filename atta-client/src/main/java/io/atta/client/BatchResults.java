package io.atta.client;

import io.atta.core.command.Result;

import java.util.Arrays;

/**
 * Per-item results of a batch write, in request order. Kept as two arrays rather than a list
 * of objects because the benchmark reads millions of them.
 */
public final class BatchResults {
    private final long[] ids;
    private final Result[] results;

    BatchResults(long[] ids, Result[] results) {
        if (ids.length != results.length) {
            throw new IllegalArgumentException("ids and results differ in length");
        }
        this.ids = ids;
        this.results = results;
    }

    public int size() {
        return ids.length;
    }

    public long id(int i) {
        return ids[i];
    }

    public Result result(int i) {
        return results[i];
    }

    /** How many items have {@code result}. */
    public int count(Result result) {
        int n = 0;
        for (Result r : results) {
            if (r == result) {
                n++;
            }
        }
        return n;
    }

    /** True when every item is {@code ok}. */
    public boolean allOk() {
        return count(Result.ok) == results.length;
    }

    /** The index of the first item whose result is not {@code ok}, or -1. */
    public int firstNotOk() {
        for (int i = 0; i < results.length; i++) {
            if (results[i] != Result.ok) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        int bad = firstNotOk();
        return "BatchResults[size=" + ids.length + ", ok=" + count(Result.ok)
                + (bad < 0 ? "" : ", first not ok: #" + bad + " id " + ids[bad] + " " + results[bad]) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchResults b && Arrays.equals(ids, b.ids) && Arrays.equals(results, b.results);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(results);
    }
}
