package io.atta.server.wealth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.core.command.Result;
import io.atta.core.wealth.DefineCalendar;
import io.atta.engine.wealth.FundCalendar;
import io.atta.engine.wealth.WealthLimits;
import io.atta.engine.wealth.WealthModule;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/** Holiday calendars (docs/FUND.md): an operator defines or replaces one on every shard; anyone reads it. */
final class CalendarApi {
    /** Longest calendar name, in characters of A-Z a-z 0-9 _ -. */
    static final int maxCalendarNameLength = 32;
    private static final Set<String> fields = Set.of("holidays", "makeup_workdays");

    private final ServerLedger ledger;

    CalendarApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    static String name(String text) {
        if (!text.matches("[A-Za-z0-9_-]{1," + maxCalendarNameLength + "}")) {
            throw ApiException.invalidField("name", "must be 1 to " + maxCalendarNameLength
                    + " characters of A-Z a-z 0-9 _ - (maxCalendarNameLength)");
        }
        return text;
    }

    /** {@code PUT /v1/calendars/{name}} (admin): the calendar on every shard; 200 with it. */
    CompletableFuture<Reply> put(ApiCall call) {
        String name = name(call.pathText("name"));
        ObjectNode body = Json.object(call.body(), false);
        Fields.of(body, "", fields);
        int[] holidays = days(body, "holidays");
        int[] makeup = days(body, "makeup_workdays");
        if (holidays.length + makeup.length > WealthLimits.maxCalendarDays) {
            throw ApiException.invalidField("holidays", "holidays and make-up working days together must be at most "
                    + WealthLimits.maxCalendarDays + " (maxCalendarDays)");
        }
        DefineCalendar c = new DefineCalendar(name, holidays, makeup);
        return new FundDirectory(ledger).everywhere(c, false).thenApply(rs -> {
            for (Result r : rs) {
                if (r != Result.ok && r != Result.exists) {
                    throw ApiException.refused(r);
                }
            }
            FundCalendar defined = new FundCalendar(name, holidays, makeup);
            return Reply.ok(g -> write(g, defined));
        });
    }

    /** {@code GET /v1/calendars/{name}}: the calendar as shard 0 holds it. */
    CompletableFuture<Reply> get(ApiCall call) {
        String name = name(call.pathText("name"));
        return ledger.readShard(FundDirectory.firstShard, l -> l.module(WealthModule.class).calendar(name))
                .thenApply(c -> {
                    if (c == null) {
                        throw ApiException.notFound("no calendar " + name);
                    }
                    return Reply.ok(g -> write(g, c));
                });
    }

    private static int[] days(ObjectNode body, String field) {
        JsonNode list = body.get(field);
        if (list == null || list.isNull()) {
            return new int[0];
        }
        if (!list.isArray()) {
            throw ApiException.invalidField(field, "must be an array of dates such as \"2027-01-01\"");
        }
        TreeSet<Integer> days = new TreeSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode d = list.get(i);
            String at = field + "[" + i + "]";
            if (!d.isTextual()) {
                throw ApiException.invalidField(at, "must be a date such as \"2027-01-01\"");
            }
            days.add(FundText.day(d.textValue(), at));
        }
        return days.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void write(JsonGenerator g, FundCalendar c) throws IOException {
        g.writeStringField("name", c.name());
        g.writeArrayFieldStart("holidays");
        for (int d : c.holidays()) {
            g.writeString(FundText.date(d));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("makeup_workdays");
        for (int d : c.makeupWorkdays()) {
            g.writeString(FundText.date(d));
        }
        g.writeEndArray();
    }
}
