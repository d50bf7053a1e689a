package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the admin verbs ({@code atta merchant}, {@code atta keys}) reach a running server: its
 * URL and the admin key ({@code --admin-key}, else {@code $ATTA_ADMIN_KEY}, else the data
 * directory's key file), and the JSON calls they make. A picocli mixin.
 */
final class AdminConnection {
    static final Duration requestTimeout = Duration.ofSeconds(30);
    final ObjectMapper json = new ObjectMapper();

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The server (default: ${DEFAULT-VALUE}).")
    private URI url;

    @Option(names = "--admin-key", paramLabel = "KEY",
            description = "Admin API key (default: $" + AdminKey.envVariable + ", else DIR/" + AdminKey.fileName
                    + " of --data).")
    private String adminKey;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "The server's data directory, for its admin key (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    String adminKey(CommandSpec spec) throws IOException {
        if (adminKey != null && !adminKey.isBlank()) {
            return adminKey;
        }
        String env = System.getenv(AdminKey.envVariable);
        if (env != null && !env.isBlank()) {
            return env;
        }
        Path file = dataDir.resolve(AdminKey.fileName);
        if (!Files.exists(file)) {
            throw new ParameterException(spec.commandLine(), "no admin key: pass --admin-key, set "
                    + AdminKey.envVariable + ", or --data the server's data directory (" + file + " is missing)");
        }
        return AdminKey.fromFile(file).key();
    }

    /** {@code method route} with the admin key and {@code body} (null: none); the reply, or an IOException naming the error. */
    JsonNode call(CommandSpec spec, String method, String route, JsonNode body) throws IOException, InterruptedException {
        String key = adminKey(spec);
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--url " + url + " is not an http(s) address");
        }
        URI uri = URI.create(url.toString().replaceAll("/+$", "") + route);
        HttpClient client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        HttpResponse<byte[]> reply;
        try {
            reply = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException("cannot reach " + uri + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        JsonNode answer;
        try {
            answer = json.readTree(reply.body());
        } catch (IOException notJson) {
            throw new IOException(uri + " answered " + reply.statusCode() + " "
                    + new String(reply.body(), StandardCharsets.UTF_8));
        }
        if (reply.statusCode() != 201 && reply.statusCode() != 200) {
            JsonNode error = answer.path("error");
            throw new IOException(uri + " answered " + reply.statusCode() + " " + error.path("code").asText()
                    + ": " + error.path("message").asText());
        }
        return answer;
    }

    /** Prints {@code value} as indented JSON. */
    void print(CommandSpec spec, JsonNode value) throws IOException {
        java.io.PrintWriter o = spec.commandLine().getOut();
        o.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        o.flush();
    }
}
