package io.atta.core.audit;

/**
 * The one-byte type tags of the events modules write to a shard's batch journal, and so of the
 * audit chain's leaves (docs/AUDIT.md has each payload byte by byte). A tag is never reused.
 */
public final class EventTypes {
    /** A transfer record as the ledger wrote it: the history's 117-byte transfer form. */
    public static final byte transfer = 'T';
    /** An entry of a trade's (or unpaid order's) timeline. */
    public static final byte tradeEvent = 'E';

    private EventTypes() {
    }
}
