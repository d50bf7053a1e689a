package io.atta.server.transfers;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.cluster.TransferRow;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import io.atta.engine.ledger.Adjustment;
import io.atta.engine.risk.DecisionRecord;
import io.atta.server.risk.DecisionJson;
import io.atta.engine.ledger.TransferRecord;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.util.Locale;

/** A transfer as the API shows it (docs/API.md, {@code GET /v1/transfers/{id}}). */
public final class TransferJson {
    private TransferJson() {
    }

    /**
     * A piece of a cross-shard transfer is shown as the transfer the caller made (its two
     * accounts, no {@code pending} flag), with {@code cross_shard} among the flags and
     * {@code pending_status} telling where its transaction stands: pending while in flight,
     * posted once committed, voided if aborted.
     *
     * <p>Whatever carries a {@code pending_status} also says what it has moved
     * ({@code posted_amount}), and a pending transfer resolved by a post or void names that
     * transfer and when it came ({@code resolved_by}, {@code resolved_at}): the row is the
     * whole transfer, so that summing rows never needs the post or void as a row of its own.
     */
    public static void write(JsonGenerator g, TransferRow row) throws IOException {
        write(g, row, null);
    }

    /**
     * As {@link #write(JsonGenerator, TransferRow)}; an operator's adjustment (the admin top-up
     * and withdraw) also shows the key that made it and why, as {@code adjustment}.
     */
    public static void write(JsonGenerator g, TransferRow row, Adjustment adjustment) throws IOException {
        write(g, row, adjustment, null);
    }

    /**
     * As {@link #write(JsonGenerator, TransferRow, Adjustment)}; a transfer that risk control
     * screened also shows its decision, as {@code risk} (docs/RISK.md).
     */
    public static void write(JsonGenerator g, TransferRow row, Adjustment adjustment, DecisionRecord risk)
            throws IOException {
        TransferRecord r = row.transfer();
        Currency currency = Currency.ofLedger(r.ledger());
        boolean piece = row.isPiece();
        g.writeStartObject();
        g.writeStringField("id", Long.toString(r.id()));
        g.writeStringField("debit_account_id", Long.toString(row.debitAccountId()));
        g.writeStringField("credit_account_id", Long.toString(row.creditAccountId()));
        g.writeStringField("amount", Amounts.format(r.amount(), currency));
        g.writeStringField("currency", currency.name());
        g.writeNumberField("code", r.code());
        g.writeArrayFieldStart("flags");
        for (String name : TransferFlags.names(piece ? r.flags() & ~TransferFlags.pending : r.flags())) {
            g.writeString(name);
        }
        g.writeEndArray();
        g.writeStringField("pending_id", Long.toString(piece ? 0 : r.pendingId()));
        if (piece) {
            g.writeStringField("transaction_id", Long.toString(r.pendingId()));
        }
        g.writeNumberField("timeout_seconds", r.timeoutSeconds());
        g.writeStringField("user_data", Long.toString(r.userData()));
        g.writeStringField("timestamp", Long.toString(r.timestamp()));
        g.writeStringField("created_at", ValueText.instant(r.timestamp()));
        if ((r.flags() & TransferFlags.pending) != 0) {
            g.writeStringField("pending_status", r.status().name().toLowerCase(Locale.ROOT));
            g.writeStringField("posted_amount", Amounts.format(row.postedAmount(), currency));
        }
        if (row.resolution() != null) {
            g.writeStringField("resolved_by", Long.toString(row.resolution().id()));
            g.writeStringField("resolved_at", ValueText.instant(row.resolution().timestamp()));
        }
        if (adjustment != null) {
            g.writeObjectFieldStart("adjustment");
            g.writeStringField("acting_key_id", Long.toString(adjustment.actingKeyId()));
            g.writeStringField("reason", adjustment.reason());
            g.writeEndObject();
        }
        if (risk != null) {
            DecisionJson.writeRiskField(g, risk);
        }
        g.writeEndObject();
    }
}
