package io.atta.engine.shard;

/**
 * The 64-bit mix the state hash is made of: modules fold their fields with it, the shard folds
 * the modules' digests in module-list order. Its output is part of stored state (transaction
 * digests), so it never changes.
 */
public final class StateDigest {
    private StateDigest() {
    }

    public static long mix(long h, long v) {
        long z = h ^ (v + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
