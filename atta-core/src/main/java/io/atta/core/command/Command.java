package io.atta.core.command;

/**
 * A write that a shard's state machine applies. Commands are what the Raft log holds: one
 * log entry is one batch of commands (see {@link BatchCodec}). Every field a command needs is
 * in the command itself, chosen at the edge, so that applying it reads no clock and no
 * randomness (docs/ARCHITECTURE.md §1.4).
 *
 * <p>Open, not sealed: each domain's commands are listed by its {@link CommandFamily} (the build's
 * families are {@link Families#standard()}), so a product adds commands without editing this file.
 */
public interface Command {
    /** How many results applying this command gives: one, or one per leg of a transaction. */
    default int resultCount() {
        return 1;
    }
}
