package io.atta.cluster;

import io.atta.engine.ledger.BalanceEvent;

import java.util.Arrays;

/**
 * Chooses the rows of one page of an account's history from its balance events, offered newest
 * first: one row per transfer, at the event that opened it (ARCHITECTURE §6, docs/API.md). Later
 * events of the same transfer (its post, void, expiry, or a cross-shard decision) only change
 * balances, so a transfer is never listed twice, on one page or across pages.
 *
 * <p>A page ends on a change of timestamp. The transfers one command makes share its timestamp,
 * and the next page starts strictly before the last row's time, so a page that reaches the limit
 * inside such a group takes the rest of the group too rather than lose it.
 */
public final class AccountPage {
    private final long fromTs;
    private final long toTs;
    private final int limit;
    private long[] ids = new long[16];
    private int size;
    private long lastTs;
    private boolean done;

    /** A page of rows opened at {@code fromTs <= timestamp < toTs}, about {@code limit} of them. */
    public AccountPage(long fromTs, long toTs, int limit) {
        this.fromTs = fromTs;
        this.toTs = toTs;
        this.limit = limit;
        this.done = toTs <= fromTs || limit <= 0;
    }

    /** Offers the next older event; returns false once the page is complete (offer no more). */
    public boolean offer(BalanceEvent ev) {
        if (done) {
            return false;
        }
        if (ev.timestamp() >= toTs || ev.kind() != BalanceEvent.Kind.opened) {
            return true;
        }
        if (ev.timestamp() < fromTs || size >= limit && ev.timestamp() != lastTs) {
            done = true;
            return false;
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = ev.transferId();
        lastTs = ev.timestamp();
        return true;
    }

    /** The chosen transfer ids, newest first. */
    public long[] ids() {
        return Arrays.copyOf(ids, size);
    }

    public int size() {
        return size;
    }
}
