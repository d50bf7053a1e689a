package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routes openapi.json describes, as "METHOD /path" like {@link AttaServer#routes()}.
 * Operations marked {@code "x-atta-test-clock": true} exist only on a server whose node runs on
 * a test clock ({@code atta server --test-clock}).
 */
final class OpenApiRoutes {
    static final String testClockMark = "x-atta-test-clock";

    private OpenApiRoutes() {
    }

    /** The routes a server serves by the document: with the test clock's routes or without. */
    static Set<String> documented(JsonNode openApi, boolean testClock) {
        Set<String> routes = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> op = operations.next();
                if (testClock || !op.getValue().path(testClockMark).asBoolean(false)) {
                    routes.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return routes;
    }
}
