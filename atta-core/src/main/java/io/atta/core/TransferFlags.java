package io.atta.core;

import java.util.List;

/** Transfer flags (bit set), named as in the API. */
public final class TransferFlags {
    /** This transfer succeeds or fails together with the next one in the batch. */
    public static final int linked = 1;
    /** Reserve the amount in the pending balances (two-phase transfer, first phase). */
    public static final int pending = 1 << 1;
    /** Post (all or part of) the pending transfer named by {@code pendingId}. */
    public static final int postPending = 1 << 2;
    /** Void the pending transfer named by {@code pendingId}. */
    public static final int voidPending = 1 << 3;
    public static final int all = linked | pending | postPending | voidPending;
    /**
     * Set by Atta, never by a caller: this record is one shard's piece of a cross-shard transfer
     * (a pending transfer against the shard's in-transit account, resolved by the transaction).
     */
    public static final int crossShard = 1 << 4;

    private static final FlagNames names = new FlagNames("linked", "pending", "post_pending", "void_pending",
            "cross_shard");

    private TransferFlags() {
    }

    /** The flag bit of an API name, or -1 when the name is unknown. */
    public static int ofName(String name) {
        int bit = names.ofName(name);
        return (bit & all) != 0 ? bit : -1;
    }

    /**
     * The flag bit of a name as Atta shows it, {@code cross_shard} included, or -1 when the name
     * is unknown: for reading replies ({@link #ofName} is for what a caller may send).
     */
    public static int ofShownName(String name) {
        return names.ofName(name);
    }

    public static List<String> names(int flags) {
        return names.names(flags);
    }
}
