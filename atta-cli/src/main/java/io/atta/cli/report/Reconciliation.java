package io.atta.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares the engine's day with the projection's (docs/REPORTING.md, "Reconciliation"): every
 * merchant's settlement figures, field by field, and every transfer of the day, row by row. Each
 * difference is one line naming what differs and both values.
 */
final class Reconciliation {
    private Reconciliation() {
    }

    static List<String> differences(EngineReport engine, SqlReport sql) {
        List<String> out = new ArrayList<>();
        for (String key : union(engine.figures(), sql.figures())) {
            SettlementFigures e = engine.figures().get(key);
            SettlementFigures p = sql.figures().get(key);
            String who = "merchant " + key.replace(' ', '/');
            if (e == null || p == null) {
                out.add(who + ": " + (e == null ? "only in the projection: " + p : "missing from the projection: " + e));
                continue;
            }
            field(out, who, "trades_finished", e.finished(), p.finished());
            field(out, who, "finished_amount", e.finishedAmount(), p.finishedAmount());
            field(out, who, "refunds", e.refunds(), p.refunds());
            field(out, who, "fees", e.fees(), p.fees());
            field(out, who, "net", e.net(), p.net());
            field(out, who, "settled", e.settled(), p.settled());
        }
        for (String key : union(engine.transfers(), sql.transfers())) {
            DayTransfer e = engine.transfers().get(key);
            DayTransfer p = sql.transfers().get(key);
            if (!Objects.equals(e, p)) {
                out.add("transfer " + key + ": engine " + (e == null ? "has none" : e) + ", projection "
                        + (p == null ? "has none" : p));
            }
        }
        return out;
    }

    private static void field(List<String> out, String who, String name, long engine, long projection) {
        if (engine != projection) {
            out.add(who + ": " + name + " engine " + engine + ", projection " + projection);
        }
    }

    private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
