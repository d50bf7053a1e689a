package io.atta.server.risk;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.risk.PutRiskRules;
import io.atta.core.risk.RiskDecision;
import io.atta.server.http.Reply;

import java.util.List;

/**
 * The shadow report: per (enforced decision, shadow decision), the movements and their amount,
 * summed over the shards' reports; {@code changed} counts those the shadow set would have decided
 * otherwise.
 */
final class ShadowReportJson {
    private ShadowReportJson() {
    }

    /** {@code shards}: per shard {shadow rule set or null, long[3][3] counts, long[3][3] amounts}. */
    static Reply reply(List<Object[]> shards) {
        PutRiskRules shadow = (PutRiskRules) shards.get(0)[0];
        long[][] counts = new long[3][3];
        long[][] amounts = new long[3][3];
        for (Object[] s : shards) {
            long[][] c = (long[][]) s[1];
            long[][] a = (long[][]) s[2];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    counts[i][j] += c[i][j];
                    amounts[i][j] = Math.addExact(amounts[i][j], a[i][j]);
                }
            }
        }
        Currency currency = shadow == null ? Currency.CNY : Currency.ofLedger(shadow.ledger());
        return Reply.ok(g -> {
            if (shadow == null) {
                g.writeNullField("shadow_version");
            } else {
                g.writeNumberField("shadow_version", shadow.version());
            }
            long total = 0;
            long changed = 0;
            g.writeArrayFieldStart("cells");
            for (RiskDecision e : RiskDecision.values()) {
                for (RiskDecision s : RiskDecision.values()) {
                    long n = counts[e.code()][s.code()];
                    total += n;
                    changed += e == s ? 0 : n;
                    g.writeStartObject();
                    g.writeStringField("enforced", e.name());
                    g.writeStringField("shadow", s.name());
                    g.writeNumberField("movements", n);
                    g.writeStringField("amount", Amounts.format(amounts[e.code()][s.code()], currency));
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeNumberField("movements", total);
            g.writeNumberField("changed", changed);
            g.writeStringField("currency", currency.name());
        });
    }
}
