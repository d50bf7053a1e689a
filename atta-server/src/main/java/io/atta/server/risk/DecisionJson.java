package io.atta.server.risk;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.engine.risk.DecisionRecord;
import io.atta.engine.risk.ReviewStatus;
import io.atta.server.json.ValueText;

import java.io.IOException;

/** A risk decision as the API shows it: the {@code risk} object of a transfer, a review, a row of a user's decisions. */
public final class DecisionJson {
    private DecisionJson() {
    }

    /** The {@code risk} field of a transfer: {decision, reasons, rule_set_version, review?, shadow?}. */
    public static void writeRiskField(JsonGenerator g, DecisionRecord r) throws IOException {
        g.writeObjectFieldStart("risk");
        fields(g, r);
        g.writeEndObject();
    }

    /** A decision as a whole object (lists of decisions and reviews). */
    static void write(JsonGenerator g, DecisionRecord r) throws IOException {
        Currency c = Currency.ofLedger(r.ledger());
        g.writeStartObject();
        g.writeStringField("transfer_id", Long.toString(r.transferId()));
        g.writeStringField("user_id", Long.toString(r.userId()));
        g.writeStringField("debit_account_id", Long.toString(r.debitAccountId()));
        g.writeStringField("credit_account_id", Long.toString(r.payeeAccountId()));
        g.writeStringField("amount", Amounts.format(r.amount(), c));
        g.writeStringField("currency", c.name());
        g.writeStringField("decided_at", ValueText.instant(r.ts()));
        fields(g, r);
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, DecisionRecord r) throws IOException {
        g.writeStringField("decision", r.decision().name());
        reasons(g, "reasons", r.reasons());
        g.writeNumberField("rule_set_version", r.ruleSetVersion());
        g.writeNumberField("score", r.score());
        if (r.review() != ReviewStatus.none) {
            g.writeObjectFieldStart("review");
            g.writeStringField("id", Long.toString(r.transferId()));
            g.writeStringField("status", r.review().name());
            if (r.reviewedAt() != 0) {
                g.writeStringField("decided_at", ValueText.instant(r.reviewedAt()));
            }
            g.writeEndObject();
        }
        if (r.shadowDecision() != null) {
            g.writeObjectFieldStart("shadow");
            g.writeStringField("decision", r.shadowDecision().name());
            reasons(g, "reasons", r.shadowReasons());
            g.writeNumberField("rule_set_version", r.shadowVersion());
            g.writeEndObject();
        }
    }

    private static void reasons(JsonGenerator g, String name, String reasons) throws IOException {
        g.writeArrayFieldStart(name);
        if (!reasons.isEmpty()) {
            for (String s : reasons.split(",")) {
                g.writeString(s);
            }
        }
        g.writeEndArray();
    }
}
