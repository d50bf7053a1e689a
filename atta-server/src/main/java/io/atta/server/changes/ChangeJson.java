package io.atta.server.changes;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.cluster.Change;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import io.atta.engine.ledger.TransferRecord;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** A change as {@code GET /v1/changes} shows it (docs/REPORTING.md, "The change stream"). */
final class ChangeJson {
    private ChangeJson() {
    }

    static void write(JsonGenerator g, int shard, Change c, Map<Byte, RecordChangeJson> records) throws IOException {
        g.writeStartObject();
        String cursor = c.index() + "-" + c.seq();
        g.writeStringField("id", shard + "-" + cursor);
        g.writeStringField("cursor", cursor);
        if (c instanceof Change.TransferChange t) {
            transfer(g, t);
        } else if (c instanceof Change.AccountChange a) {
            g.writeStringField("type", "account");
            g.writeFieldName("account");
            balances(g, a.balances(), Currency.ofLedger(a.ledger()));
            g.writeStringField("timestamp", Long.toString(a.timestamp()));
        } else {
            Change.RecordChange r = (Change.RecordChange) c;
            RecordChangeJson json = records.get(r.kind());
            if (json != null) {
                json.write(g, r.id(), r.bytes());
            } else {
                g.writeStringField("type", "record");
                g.writeStringField("kind", String.valueOf((char) r.kind()));
                g.writeStringField("record_id", Long.toString(r.id()));
                g.writeStringField("data", Base64.getEncoder().encodeToString(r.bytes()));
            }
        }
        g.writeEndObject();
    }

    private static void transfer(JsonGenerator g, Change.TransferChange t) throws IOException {
        TransferRecord r = t.transfer();
        Currency c = Currency.ofLedger(r.ledger());
        g.writeStringField("type", "transfer");
        g.writeObjectFieldStart("transfer");
        g.writeStringField("id", Long.toString(r.id()));
        g.writeStringField("debit_account_id", Long.toString(r.debitAccountId()));
        g.writeStringField("credit_account_id", Long.toString(r.creditAccountId()));
        g.writeStringField("amount", Amounts.format(r.amount(), c));
        g.writeStringField("currency", c.name());
        g.writeNumberField("code", r.code());
        g.writeArrayFieldStart("flags");
        for (String name : TransferFlags.names(r.flags())) {
            g.writeString(name);
        }
        g.writeEndArray();
        g.writeStringField("pending_id", Long.toString(r.pendingId()));
        g.writeStringField("pending_status", r.status().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("timeout_seconds", r.timeoutSeconds());
        g.writeStringField("user_data", Long.toString(r.userData()));
        g.writeStringField("timestamp", Long.toString(r.timestamp()));
        g.writeStringField("created_at", ValueText.instant(r.timestamp()));
        g.writeEndObject();
        g.writeFieldName("debit_account");
        balancesOrNull(g, t.debit(), c);
        g.writeFieldName("credit_account");
        balancesOrNull(g, t.credit(), c);
    }

    private static void balancesOrNull(JsonGenerator g, Change.Balances b, Currency c) throws IOException {
        if (b == null) {
            g.writeNull();
        } else {
            balances(g, b, c);
        }
    }

    private static void balances(JsonGenerator g, Change.Balances b, Currency c) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", Long.toString(b.accountId()));
        g.writeStringField("currency", c.name());
        g.writeStringField("debits_pending", Amounts.format(b.debitsPending(), c));
        g.writeStringField("debits_posted", Amounts.format(b.debitsPosted(), c));
        g.writeStringField("credits_pending", Amounts.format(b.creditsPending(), c));
        g.writeStringField("credits_posted", Amounts.format(b.creditsPosted(), c));
        g.writeEndObject();
    }
}
