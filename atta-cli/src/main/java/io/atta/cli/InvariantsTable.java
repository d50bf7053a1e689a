package io.atta.cli;

import io.atta.cluster.InvariantsReport;
import io.atta.cluster.InvariantsReport.CurrencyReport;
import io.atta.cluster.InvariantsReport.InTransit;
import io.atta.cluster.InvariantsReport.ShardSums;
import io.atta.cluster.InvariantsReport.Sums;
import io.atta.cluster.InvariantsReport.Unfinished;
import io.atta.core.Amounts;
import io.atta.core.Currency;

import java.util.ArrayList;
import java.util.List;

/**
 * The invariants report as text for {@code atta verify}: a table per currency that has seen any
 * money (a row per shard and one for all of them), the unfinished transactions, the violations.
 */
final class InvariantsTable {
    private InvariantsTable() {
    }

    static String of(InvariantsReport r, int shards) {
        StringBuilder b = new StringBuilder();
        b.append(shards).append(" shards: ").append(r.ok() ? "OK" : r.violations().size() + " violation"
                + (r.violations().size() == 1 ? "" : "s")).append('\n');
        boolean any = false;
        for (CurrencyReport c : r.currencies()) {
            if (active(c)) {
                b.append('\n').append(currency(c));
                any = true;
            }
        }
        if (!any) {
            b.append("\nno money has moved in any currency\n");
        }
        b.append('\n');
        if (r.unfinished().isEmpty()) {
            b.append("unfinished transactions: none\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"shard", "transaction", "role", "state", "coordinator", "age", "stale"});
            for (Unfinished u : r.unfinished()) {
                rows.add(new String[] {Integer.toString(u.shard()), Long.toString(u.txId()), u.role(), u.state(),
                        Integer.toString(u.coordinator()), u.ageMs() + " ms", u.stale() ? "STALE" : ""});
            }
            b.append("unfinished transactions: ").append(r.unfinished().size()).append('\n').append(align(rows));
        }
        if (!r.consistentCut()) {
            b.append("the shards changed while they were read: in-transit positions were not checked\n");
        }
        if (r.violations().isEmpty()) {
            b.append("violations: none\n");
        } else {
            b.append("violations:\n");
            for (String v : r.violations()) {
                b.append("  ").append(v).append('\n');
            }
        }
        return b.toString();
    }

    private static boolean active(CurrencyReport c) {
        Sums t = c.total();
        return t.debitsPosted() != 0 || t.creditsPosted() != 0 || t.debitsPending() != 0 || t.creditsPending() != 0;
    }

    private static String currency(CurrencyReport c) {
        Currency cur = c.currency();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {cur.name(), "debits posted", "credits posted", "debits pending", "credits pending",
                "in-transit pending d/c", "in-transit position"});
        for (ShardSums s : c.shards()) {
            InTransit t = c.inTransit().stream().filter(x -> x.shard() == s.shard()).findFirst().orElse(null);
            String pending = t == null ? "missing" : fmt(t.debitsPending(), cur) + "/" + fmt(t.creditsPending(), cur);
            String position = t == null ? "missing" : fmt(t.position(), cur);
            rows.add(sums("shard " + s.shard(), s.sums(), cur, pending, position));
        }
        rows.add(sums("all", c.total(), cur, "", fmt(c.positionSum(), cur)));
        return align(rows);
    }

    private static String[] sums(String label, Sums s, Currency c, String pending, String position) {
        return new String[] {label, fmt(s.debitsPosted(), c), fmt(s.creditsPosted(), c), fmt(s.debitsPending(), c),
                fmt(s.creditsPending(), c), pending, position};
    }

    private static String fmt(long minorUnits, Currency c) {
        return Amounts.format(minorUnits, c);
    }

    /** Columns padded to their widest cell, two spaces apart; the last column unpadded. */
    private static String align(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
