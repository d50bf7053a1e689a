package io.atta.server.testclock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.cluster.LedgerService;
import io.atta.cluster.TestClock;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code GET /v1/test/clock} and {@code POST /v1/test/clock/advance} (admin only; served only
 * by a node started with {@code --test-clock}, docs/API.md, Test clock): the time the node's
 * batches carry, and moving it forward. An advance answers once every rule due by the new time
 * (expiries, deadlines, settlement sweeps) has been applied.
 */
public final class TestClockApi {
    private static final Set<String> advanceFields = Set.of("seconds");

    private final LedgerService service;
    private final TestClock clock;
    private final Executor serverThreads;

    public TestClockApi(LedgerService service, TestClock clock, Executor serverThreads) {
        this.service = service;
        this.clock = clock;
        this.serverThreads = serverThreads;
    }

    public CompletableFuture<Reply> get(ApiCall call) {
        requireAdmin(call);
        long now = clock.getAsLong();
        return CompletableFuture.completedFuture(Reply.ok(g -> {
            g.writeStringField("now", ValueText.instant(now));
            g.writeStringField("now_ns", Long.toString(now));
        }));
    }

    public CompletableFuture<Reply> advance(ApiCall call) {
        requireAdmin(call);
        ObjectNode body = Json.object(call.body(), false);
        Fields.of(body, "", advanceFields);
        long seconds = seconds(body.get("seconds"));
        long now = clock.advance(seconds);
        // The rules are applied on the shards' threads; the reply is written on the server's.
        return service.applyDue().thenApplyAsync(v -> Reply.ok(g -> {
            g.writeStringField("now", ValueText.instant(now));
            g.writeStringField("now_ns", Long.toString(now));
            g.writeNumberField("advanced_seconds", seconds);
        }), serverThreads);
    }

    /** {@code seconds}: an integer from 1 to {@link TestClock#maxAdvanceSeconds}, within what the clock has left. */
    private long seconds(JsonNode v) {
        if (v == null || v.isNull()) {
            throw ApiException.missingField("seconds");
        }
        String range = "from 1 to " + TestClock.maxAdvanceSeconds + " (maxAdvanceSeconds, 400 days)";
        if (!v.isIntegralNumber()) {
            throw ApiException.invalidField("seconds", "must be an integer number of seconds " + range);
        }
        if (!v.canConvertToLong() || v.longValue() < 1 || v.longValue() > TestClock.maxAdvanceSeconds) {
            throw ApiException.invalidField("seconds", "must be " + range + ", got " + v.asText());
        }
        long seconds = v.longValue();
        if (seconds > clock.secondsLeft()) {
            throw ApiException.invalidField("seconds", "would move the test clock more than "
                    + TestClock.maxOffsetSeconds + " seconds (maxOffsetSeconds, 100 years) ahead of the wall clock; "
                    + clock.secondsLeft() + " are left");
        }
        return seconds;
    }

    private static void requireAdmin(ApiCall call) {
        if (!call.caller().isAdmin()) {
            throw ApiException.forbidden("only the admin key may read or move the test clock", null);
        }
    }
}
