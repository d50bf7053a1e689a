package io.atta.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.server.json.Json;
import io.javalin.http.Context;

import java.io.IOException;

/**
 * What a handler answers: a status and a JSON body, written once it is complete. A large body
 * may be held in segments ({@link #segmented}) so that it is never one humongous array.
 */
public record Reply(int status, byte[] body, BodyBytes segments) {

    public Reply(int status, byte[] body) {
        this(status, body, null);
    }

    /** A reply whose body is held in segments. */
    public static Reply segmented(int status, BodyBytes body) {
        return new Reply(status, null, body);
    }

    /** The body as one array (made from the segments of a segmented reply). */
    @Override
    public byte[] body() {
        return body != null ? body : segments.toArray();
    }

    /** Sets the status and writes the body: a segmented one streamed from its segments, with its length. */
    void writeTo(Context ctx) {
        ctx.status(status).contentType("application/json");
        if (segments == null) {
            ctx.result(body);
        } else {
            ctx.header("Content-Length", Integer.toString(segments.length()));
            ctx.result(segments.stream());
        }
    }

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
