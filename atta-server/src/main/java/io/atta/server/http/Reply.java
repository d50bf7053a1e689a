package io.atta.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.server.json.Json;

import java.io.IOException;

/** What a handler answers: a status and a JSON body, written once it is complete. */
public record Reply(int status, byte[] body) {

    /** Writes the fields of the reply's top-level object. */
    @FunctionalInterface
    public interface ObjectWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /** A reply whose body is one JSON object, its fields written by {@code fields}. */
    public static Reply object(int status, ObjectWriter fields) {
        return new Reply(status, Json.write(256, g -> {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        }));
    }

    public static Reply ok(ObjectWriter fields) {
        return object(200, fields);
    }
}
