package io.atta.server.accounts;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.AccountFlags;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.engine.ledger.AccountState;
import io.atta.server.json.ValueText;

import java.io.IOException;

/** An account as the API shows it (docs/API.md, {@code GET /v1/accounts/{id}}). */
final class AccountJson {
    private AccountJson() {
    }

    static void fields(JsonGenerator g, AccountState a) throws IOException {
        Currency c = Currency.ofLedger(a.ledger());
        g.writeStringField("id", Long.toString(a.id()));
        g.writeStringField("user_id", Long.toString(a.ownerUserId()));
        g.writeStringField("currency", c.name());
        g.writeNumberField("code", a.code());
        g.writeArrayFieldStart("flags");
        for (String name : AccountFlags.names(a.flags())) {
            g.writeString(name);
        }
        g.writeEndArray();
        g.writeStringField("user_data", Long.toString(a.userData()));
        g.writeStringField("debits_pending", Amounts.format(a.debitsPending(), c));
        g.writeStringField("debits_posted", Amounts.format(a.debitsPosted(), c));
        g.writeStringField("credits_pending", Amounts.format(a.creditsPending(), c));
        g.writeStringField("credits_posted", Amounts.format(a.creditsPosted(), c));
        g.writeStringField("balance", Amounts.format(a.balance(), c));
        g.writeStringField("available", Amounts.format(a.available(), c));
        g.writeStringField("created_at", ValueText.instant(a.timestamp()));
    }
}
