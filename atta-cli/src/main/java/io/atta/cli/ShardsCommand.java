package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cluster.RoutingTableFile;
import io.atta.server.admin.ShardsJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code atta shards}: the routing table (which slots each shard serves), read offline from a
 * data directory or asked of a running server, which adds each shard's leadership and applied
 * log index.
 */
@Command(name = "shards", mixinStandardHelpOptions = true,
        description = "Shows the routing table: each shard's home slot and slot ranges, and, from a running "
                + "server, whether it leads each shard.")
public final class ShardsCommand implements Callable<Integer> {
    /** How long the server may take to connect and to answer. */
    static final Duration requestTimeout = Duration.ofSeconds(30);
    static final String route = "/v1/admin/shards";

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    static final class Source {
        @Option(names = "--data", paramLabel = "DIR", required = true,
                description = "Read the table of this data directory (no server needed).")
        Path dataDir;

        @Option(names = "--url", paramLabel = "URL", required = true,
                description = "Ask the server at this address, e.g. http://127.0.0.1:8080.")
        URI url;
    }

    @Option(names = "--admin-key", paramLabel = "KEY",
            description = "Admin API key for --url (default: $" + AdminKey.envVariable + ").")
    private String adminKey;

    @Option(names = "--json", description = "Print the JSON document (as GET " + route + " answers) instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        byte[] document;
        try {
            document = source.dataDir != null ? offline(source.dataDir) : fetch(source.url, adminKey());
        } catch (IllegalArgumentException | IOException e) {
            err.println("atta shards: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(document, StandardCharsets.UTF_8));
        } else {
            out.print(table(new ObjectMapper().readTree(document)));
        }
        out.flush();
        return 0;
    }

    private byte[] offline(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            throw new ParameterException(spec.commandLine(), "--data " + dataDir + " is not a directory");
        }
        return ShardsJson.of(RoutingTableFile.load(dataDir), null);
    }

    private String adminKey() {
        String key = adminKey != null && !adminKey.isBlank() ? adminKey : System.getenv(AdminKey.envVariable);
        if (key == null || key.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "--url needs the admin key: pass --admin-key or set " + AdminKey.envVariable);
        }
        return key;
    }

    private byte[] fetch(URI base, String key) throws IOException, InterruptedException {
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--url " + base + " is not an http(s) address");
        }
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + route);
        HttpClient client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Authorization", "Bearer " + key).GET().build();
        HttpResponse<byte[]> reply;
        try {
            reply = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException("cannot reach " + uri + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (reply.statusCode() != 200) {
            throw new IOException(uri + " answered " + reply.statusCode() + " " + errorOf(reply.body()));
        }
        return reply.body();
    }

    /** The error code and message of an API error reply, or the body as text when it is not one. */
    private static String errorOf(byte[] body) {
        try {
            JsonNode error = new ObjectMapper().readTree(body).path("error");
            if (error.has("code")) {
                return error.path("code").asText() + ": " + error.path("message").asText();
            }
        } catch (IOException notJson) {
            // Shown as text below.
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The document as a table with a column per field; leader and applied index only when given. */
    static String table(JsonNode document) {
        JsonNode shards = document.path("shards");
        boolean live = shards.size() > 0 && shards.get(0).has("leader");
        List<String[]> rows = new ArrayList<>();
        rows.add(live ? new String[] {"shard", "home slot", "slots", "slot count", "leader", "applied index"}
                : new String[] {"shard", "home slot", "slots", "slot count"});
        for (JsonNode s : shards) {
            List<String> ranges = new ArrayList<>();
            for (JsonNode r : s.path("slots")) {
                ranges.add(r.get(0).asInt() + "-" + r.get(1).asInt());
            }
            String[] row = {s.path("shard").asText(), s.path("home_slot").asText(), String.join(",", ranges),
                    s.path("slot_count").asText()};
            if (live) {
                row = new String[] {row[0], row[1], row[2], row[3], s.path("leader").asBoolean() ? "yes" : "no",
                        s.path("applied_index").asText()};
            }
            rows.add(row);
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(document.path("slots").asInt()).append(" slots on ").append(shards.size()).append(" shards\n");
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                b.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
