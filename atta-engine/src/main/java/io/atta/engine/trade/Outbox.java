package io.atta.engine.trade;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Notifications waiting for delivery, by number and by next attempt, so that finding what is due
 * never walks a backlog that is not. The trade module's webhooks and the gateway's notifications
 * each wait in one.
 *
 * @param <N> the notification record
 */
public final class Outbox<N> {
    private final TreeMap<Long, N> bySeq = new TreeMap<>();
    private final TreeSet<Attempt> attempts = new TreeSet<>();
    private final ToLongFunction<N> seq;
    private final ToLongFunction<N> nextAttemptAt;

    private record Attempt(long at, long seq) implements Comparable<Attempt> {
        @Override
        public int compareTo(Attempt o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public Outbox(ToLongFunction<N> seq, ToLongFunction<N> nextAttemptAt) {
        this.seq = seq;
        this.nextAttemptAt = nextAttemptAt;
    }

    /** Puts a notification in, or replaces the one with its number. */
    public void put(N n) {
        long number = seq.applyAsLong(n);
        N old = bySeq.put(number, n);
        if (old != null) {
            attempts.remove(new Attempt(nextAttemptAt.applyAsLong(old), number));
        }
        attempts.add(new Attempt(nextAttemptAt.applyAsLong(n), number));
    }

    /** Takes a notification out. */
    public void remove(long number) {
        N old = bySeq.remove(number);
        if (old != null) {
            attempts.remove(new Attempt(nextAttemptAt.applyAsLong(old), number));
        }
    }

    public void clear() {
        bySeq.clear();
        attempts.clear();
    }

    /** The notification with this number, or null. */
    public N get(long number) {
        return bySeq.get(number);
    }

    public int size() {
        return bySeq.size();
    }

    /** Every notification, by number. */
    public Collection<N> values() {
        return bySeq.values();
    }

    /** Notifications due by {@code now} (ns), the longest due first, at most {@code max}. */
    public List<N> due(long now, int max) {
        List<N> out = new ArrayList<>();
        for (Attempt a : attempts) {
            if (out.size() >= max || a.at() > now) {
                break;
            }
            out.add(bySeq.get(a.seq()));
        }
        return out;
    }
}
