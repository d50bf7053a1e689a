package io.atta.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of docs/SECURITY.md as a test reads them: {@code ## Route table} (a keyed route
 * per row, the status each role's call gets) and {@code ## Routes without an API key}.
 */
final class SecurityRouteTable {
    static final Path file = Path.of("..", "docs", "SECURITY.md");
    /** The role columns of the route table, in order. */
    static final List<String> columns = List.of("admin", "channel", "merchant", "other merchant", "user", "other user",
            "fund_manager", "lender", "insurer", "reporting");

    /** A row: the route as RouteTable declares it ({@code "POST /v1/users/{id}/topup"}) and its cells by column. */
    record Row(String route, Map<String, String> cells) {
        /** The documented status: {@code "ok"} or a number. */
        String cell(String column) {
            return cells.get(column);
        }
    }

    private SecurityRouteTable() {
    }

    /** The rows of the keyed route table. */
    static List<Row> keyedRoutes() {
        List<List<String>> rows = table("## Route table");
        List<String> header = rows.get(0);
        if (!header.subList(1, header.size()).equals(columns) || !header.get(0).equals("route")) {
            throw new AssertionError("the route table's header is " + header + ", not route + " + columns);
        }
        List<Row> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                String cell = r.get(i + 1);
                if (!cell.equals("ok") && !cell.matches("[1-5][0-9][0-9]")) {
                    throw new AssertionError("cell '" + cell + "' of " + r.get(0) + " is neither ok nor a status");
                }
                cells.put(columns.get(i), cell);
            }
            out.add(new Row(route(r.get(0)), cells));
        }
        return out;
    }

    /** The routes of the table of routes that need no key. */
    static List<String> openRoutes() {
        List<List<String>> rows = table("## Routes without an API key");
        List<String> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            out.add(route(r.get(0)));
        }
        return out;
    }

    private static String route(String cell) {
        if (!cell.startsWith("`") || !cell.endsWith("`")) {
            throw new AssertionError("a route cell is `METHOD /path` in backquotes, not " + cell);
        }
        return cell.substring(1, cell.length() - 1);
    }

    /** The first markdown table after {@code heading}: its header and rows, cells trimmed. */
    private static List<List<String>> table(String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new AssertionError(file + " has no section '" + heading + "'");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("|")) {
                if (!line.startsWith("|---")) {
                    List<String> cells = new ArrayList<>();
                    for (String c : line.substring(1, line.length() - 1).split("\\|")) {
                        cells.add(c.trim());
                    }
                    rows.add(cells);
                }
            } else if (!rows.isEmpty()) {
                break;
            }
        }
        if (rows.size() < 2) {
            throw new AssertionError("the section '" + heading + "' of " + file + " holds no table");
        }
        return rows;
    }
}
