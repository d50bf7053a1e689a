package io.atta.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Turns an error reply {@code {"error":{"code","message","field"}}} into an {@link AttaApiException}. */
final class ErrorReader {
    /** Characters of an unreadable error body kept in the exception message. */
    private static final int maxEchoedChars = 200;

    private final ObjectMapper mapper;

    ErrorReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    AttaApiException read(int status, byte[] body, int length) {
        try {
            JsonNode error = length == 0 ? null : mapper.readTree(body, 0, length).get("error");
            if (error != null && error.isObject() && error.hasNonNull("code")) {
                return new AttaApiException(status, error.get("code").asText(), text(error, "field"),
                        text(error, "message"));
            }
        } catch (IOException notJson) {
            // Not Atta's error document (a proxy's page, say): keep the start of it below.
        }
        String text = new String(body == null ? new byte[0] : body, 0, Math.min(length, maxEchoedChars),
                StandardCharsets.UTF_8);
        return new AttaApiException(status, "http_" + status, null, text.isEmpty() ? null : text);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
