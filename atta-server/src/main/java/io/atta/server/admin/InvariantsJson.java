package io.atta.server.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.cluster.InvariantsReport;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.io.IOException;

/**
 * The invariants document of {@code GET /v1/admin/invariants} and {@code atta verify --json}
 * (docs/API.md, Admin). Amounts are decimal strings in the currency's unit, like everywhere in
 * the API; sums of many accounts wrap modulo 2^64 as the report explains.
 *
 * <pre>{"ok":true,"consistent_cut":true,"at":"…","violations":[],
 *  "currencies":[{"currency":"CNY","total":{…sums},"shards":[{"shard":0,…sums}],
 *    "in_transit":[{"shard":0,"account_id":"…","debits_pending":"0.00","credits_pending":"0.00",
 *    "position":"1.80"}],"in_transit_position_sum":"0.00"}, …],
 *  "unfinished":[{"shard":0,"tx_id":"7","role":"coordinator","state":"committed","coordinator":0,
 *    "age_ms":1000,"stale":false}]}</pre>
 */
public final class InvariantsJson {
    private InvariantsJson() {
    }

    public static byte[] of(InvariantsReport r) {
        return Json.write(1024 + 512 * r.currencies().size(), g -> {
            g.writeStartObject();
            g.writeBooleanField("ok", r.ok());
            g.writeBooleanField("consistent_cut", r.consistentCut());
            g.writeStringField("at", ValueText.instant(r.atNanos()));
            g.writeArrayFieldStart("violations");
            for (String v : r.violations()) {
                g.writeString(v);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("currencies");
            for (InvariantsReport.CurrencyReport c : r.currencies()) {
                currency(g, c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("unfinished");
            for (InvariantsReport.Unfinished u : r.unfinished()) {
                g.writeStartObject();
                g.writeNumberField("shard", u.shard());
                g.writeStringField("tx_id", Long.toString(u.txId()));
                g.writeStringField("role", u.role());
                g.writeStringField("state", u.state());
                g.writeNumberField("coordinator", u.coordinator());
                g.writeNumberField("age_ms", u.ageMs());
                g.writeBooleanField("stale", u.stale());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void currency(JsonGenerator g, InvariantsReport.CurrencyReport c) throws IOException {
        Currency cur = c.currency();
        g.writeStartObject();
        g.writeStringField("currency", cur.name());
        g.writeObjectFieldStart("total");
        sums(g, c.total(), cur);
        g.writeEndObject();
        g.writeArrayFieldStart("shards");
        for (InvariantsReport.ShardSums s : c.shards()) {
            g.writeStartObject();
            g.writeNumberField("shard", s.shard());
            sums(g, s.sums(), cur);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("in_transit");
        for (InvariantsReport.InTransit t : c.inTransit()) {
            g.writeStartObject();
            g.writeNumberField("shard", t.shard());
            g.writeStringField("account_id", Long.toString(t.accountId()));
            g.writeStringField("debits_pending", Amounts.format(t.debitsPending(), cur));
            g.writeStringField("credits_pending", Amounts.format(t.creditsPending(), cur));
            g.writeStringField("position", Amounts.format(t.position(), cur));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("in_transit_position_sum", Amounts.format(c.positionSum(), cur));
        g.writeEndObject();
    }

    private static void sums(JsonGenerator g, InvariantsReport.Sums s, Currency c) throws IOException {
        g.writeStringField("debits_posted", Amounts.format(s.debitsPosted(), c));
        g.writeStringField("credits_posted", Amounts.format(s.creditsPosted(), c));
        g.writeStringField("debits_pending", Amounts.format(s.debitsPending(), c));
        g.writeStringField("credits_pending", Amounts.format(s.creditsPending(), c));
    }
}
