package io.atta.server.credit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.engine.credit.CreditLineView;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.time.LocalDate;

/** Credit's values as the API writes and reads them: dates, periods ({@code "2027-02"}), a line. */
final class CreditText {
    private CreditText() {
    }

    static String date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    static String period(int period) {
        return String.format("%04d-%02d", period / 100, period % 100);
    }

    /** A period path parameter: {@code yyyy-mm}. */
    static int period(String text, String field) {
        if (!text.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw ApiException.invalidField(field, "must be a month as yyyy-mm, such as 2027-02");
        }
        return Integer.parseInt(text.substring(0, 4)) * 100 + Integer.parseInt(text.substring(5));
    }

    /** The user the call acts for: the caller itself, or anyone for an operator; 403 otherwise. */
    static long actingFor(ApiCall call, long user) {
        if (!call.caller().mayActFor(user)) {
            throw ApiException.forbidden("this key may not act on user " + user, "id");
        }
        return user;
    }

    static void line(JsonGenerator g, CreditLineView v) throws IOException {
        Currency c = Currency.ofLedger(v.ledger());
        g.writeStringField("user_id", Long.toString(v.userId()));
        g.writeStringField("currency", c.name());
        g.writeStringField("limit", Amounts.format(v.limit(), c));
        g.writeStringField("used", Amounts.format(v.used(), c));
        g.writeStringField("available", Amounts.format(v.available(), c));
        g.writeStringField("repayable", Amounts.format(v.repayable(), c));
        g.writeStringField("unbilled", Amounts.format(v.unbilled(), c));
        g.writeNumberField("statement_day", v.statementDay());
        g.writeNumberField("due_day", v.dueDay());
        g.writeStringField("status", v.status());
        g.writeBooleanField("auto_repay", v.autoRepay());
        g.writeStringField("opened_at", ValueText.instant(v.openedAt()));
    }
}
