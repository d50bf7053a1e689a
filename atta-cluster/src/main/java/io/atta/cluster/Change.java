package io.atta.cluster;

import io.atta.engine.ledger.TransferRecord;

/**
 * One committed change of a shard, as {@code GET /v1/changes} streams it (docs/REPORTING.md): at
 * its cursor ({@code index}, the batch's Raft log index, and {@code seq}, its place in the batch),
 * which is also its unique id within the shard. Replicas derive the same changes at the same
 * cursors from the same log, so a cursor stays valid across leader changes and restarts.
 */
public sealed interface Change {
    long index();

    int seq();

    /** Balances of one account: debits pending, debits posted, credits pending, credits posted. */
    record Balances(long accountId, long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {
    }

    /**
     * A transfer applied (or, for a pending one, resolved or expired: the record again with its new
     * status), with each account's balances just after it; null where the batch did not move the
     * account's balances (a pending transfer's record updated by the post that resolved it).
     */
    record TransferChange(long index, int seq, TransferRecord transfer, Balances debit, Balances credit)
            implements Change {
    }

    /** An account's balances at the end of the batch, one per account the batch moved. */
    record AccountChange(long index, int seq, int ledger, long timestamp, Balances balances) implements Change {
    }

    /** A module's record changed ({@code kind}: the module's; {@code bytes}: its codec, e.g. a trade change). */
    record RecordChange(long index, int seq, byte kind, long id, byte[] bytes) implements Change {
    }
}
