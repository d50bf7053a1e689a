package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for tests: what a user of the API sends and sees, nothing more. */
final class HttpApi {
    static final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    /** A reply: status and body (parsed when it is JSON, else null), and the raw text. */
    record Reply(int status, JsonNode body, String text) {
        String errorCode() {
            return body == null ? null : body.path("error").path("code").asText(null);
        }

        String errorField() {
            return body == null ? null : body.path("error").path("field").asText(null);
        }

        String errorMessage() {
            return body == null ? null : body.path("error").path("message").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    HttpApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Reply get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    Reply post(String path, String key, String body) {
        return send(request(path, key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply post(String path, String key, byte[] body) {
        return send(request(path, key).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A POST with one extra header (a device id, for instance). */
    Reply post(String path, String key, String body, String header, String value) {
        return send(request(path, key).header(header, value).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply send(String method, String path, String key, String body) {
        return send(request(path, key).method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = json.readTree(r.body());
            } catch (IOException notJson) {
                // Prometheus text, for instance.
            }
            return new Reply(r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
