package io.atta.engine.shard;

import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.Result;
import io.atta.engine.ledger.SnapshotDigest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One domain of a shard's state machine (the ledger, cross-shard transactions, trades, keys,
 * channels, a product): the commands it owns, how it applies them, its time-driven rules, its
 * section of the shard's snapshot and its part of the state hash. The shard ({@link
 * io.atta.engine.ledger.ShardLedger}) runs the batch loop, linked chains, the undo log of a group,
 * the tick fan-out, snapshot sections and the hash fold, and knows modules only through this
 * interface; it sends each command to the module whose family lists its class.
 *
 * <p>A module's public methods other than these are its read facade (reached through
 * {@code ShardLedger.module(Class)}); readers hold the shard's read lock. Like the rest of the
 * state machine, a module reads no clock and no randomness: the same log gives the same state.
 */
public interface ShardModule {
    /** The module's name: its snapshot section's name, stable once released. */
    String name();

    /** The commands the module owns, with their binary form. */
    CommandFamily family();

    /**
     * Applies one command of the module's family at {@code ts}, writing its
     * {@link Command#resultCount()} results from {@code out[at]}. Inside a group (a linked chain:
     * {@link ShardServices#undo()} is grouping) every change must be logged to be undone.
     */
    void apply(Command c, long ts, Result[] out, int at);

    /** Notes the stored records applying {@code c} will look up, to be loaded once per batch. */
    default void prefetch(Command c) {
    }

    /** Called once per batch after {@link #prefetch} of every command and before the first apply. */
    default void beforeApply() {
    }

    /** Called once per batch after its last command. */
    default void afterApply() {
    }

    /** True when {@code c} is linked to the command after it: the chain is applied all or nothing. */
    default boolean linksNext(Command c) {
        return false;
    }

    /** True when {@code c} may be a member of a linked chain. */
    default boolean chainable(Command c) {
        return false;
    }

    /** Applies the time-driven rules due at {@code ts} (a {@code Tick}). */
    default void tick(long ts) {
    }

    /** When the next time-driven rule falls due (ns), or {@link Long#MAX_VALUE} if none will. */
    default long nextDueAt() {
        return Long.MAX_VALUE;
    }

    /** The version of the section {@link #writeSection} writes; {@link #readSection} reads it and every older one. */
    int sectionVersion();

    /** Writes the module's state, in key order (equal state, equal bytes). */
    void writeSection(DataOutput out) throws IOException;

    /** Replaces the module's state with a section of {@code version} (the module is freshly built or cleared). */
    void readSection(DataInput in, int version) throws IOException;

    /** The state of a snapshot without this module's section: empty, unless the module derives it from earlier ones. */
    void clear();

    /**
     * The module's part of the state hash: equal on every replica that applied the same log. By
     * default a hash of its section's bytes; a module with a cheaper digest of the same state
     * overrides it.
     */
    default long digest() {
        return SnapshotDigest.of(this::writeSection);
    }
}
