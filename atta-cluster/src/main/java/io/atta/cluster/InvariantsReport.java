package io.atta.cluster;

import io.atta.core.Currency;

import java.util.List;

/**
 * What {@link Invariants} found across every shard (docs/ARCHITECTURE.md §5, invariants): per currency
 * the sums of every shard's books and of all of them, the in-transit house accounts, and the
 * cross-shard transactions not yet finished. {@link #violations} lists, in words, each rule
 * broken; unfinished transactions are normal under load and are listed, not counted as broken.
 *
 * @param atNanos       the time the report was made (leader clock, nanoseconds since the epoch)
 * @param consistentCut true when no shard applied anything while the shards were read, so the
 *                      cross-shard sums are of one moment; when false (a busy node), the
 *                      in-transit positions are not checked against each other
 */
public record InvariantsReport(long atNanos, boolean consistentCut, List<CurrencyReport> currencies,
                               List<Unfinished> unfinished, List<String> violations) {

    /** True when no rule is broken. */
    public boolean ok() {
        return violations.isEmpty();
    }

    /**
     * Sums of balances over accounts, modulo 2^64 like {@code ShardLedger.totalsByLedger}: each
     * balance fits a long but a sum need not, and equal sums stay equal under the wrap.
     */
    public record Sums(long debitsPosted, long creditsPosted, long debitsPending, long creditsPending) {
        static final Sums zero = new Sums(0, 0, 0, 0);

        Sums plus(Sums o) {
            return new Sums(debitsPosted + o.debitsPosted, creditsPosted + o.creditsPosted,
                    debitsPending + o.debitsPending, creditsPending + o.creditsPending);
        }

        /** Double entry: debits equal credits, posted and pending. */
        public boolean balanced() {
            return debitsPosted == creditsPosted && debitsPending == creditsPending;
        }
    }

    /** One shard's sums in one currency. */
    public record ShardSums(int shard, Sums sums) {
    }

    /**
     * One shard's in-transit account in one currency: its pending amounts are the pieces in
     * flight; its posted position (credits less debits) is what the shard is owed by the others.
     */
    public record InTransit(int shard, long accountId, long debitsPending, long creditsPending, long position) {
    }

    /**
     * One currency: every shard's sums and their total, every shard's in-transit account and the
     * sum of their positions (zero when nothing is in flight).
     */
    public record CurrencyReport(Currency currency, List<ShardSums> shards, Sums total, List<InTransit> inTransit,
                                 long positionSum) {
    }

    /**
     * A cross-shard transaction not finished on {@code shard}: as its coordinator
     * ({@code role} "coordinator", {@code state} preparing, committed or aborted) or as a
     * participant holding prepared pieces ({@code role} "participant", {@code state} "prepared").
     * {@code stale} once older than {@link Invariants#staleAfterMs}.
     */
    public record Unfinished(int shard, long txId, String role, String state, int coordinator, long ageMs,
                             boolean stale) {
    }
}
