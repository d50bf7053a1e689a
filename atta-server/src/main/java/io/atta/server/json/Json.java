package io.atta.server.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.server.http.ApiException;
import io.atta.server.http.BodyBytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration of the API: strict reading (no comments, no duplicate keys, no
 * trailing content) and plain writing. Bodies of the non-hot endpoints are read as a tree and
 * checked field by field with {@link Fields}; {@code POST /v1/transfers} streams instead.
 */
public final class Json {
    public static final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonFactory streamingFactory = new JsonFactory();
    private static final ObjectMapper mapper = new ObjectMapper(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Writes one JSON value with a generator. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private Json() {
    }

    /**
     * Parses a request body that must be one JSON object. An empty body counts as {@code {}}
     * only where {@code emptyIsObject} says so (bodies that are all optional).
     */
    public static ObjectNode object(byte[] body, boolean emptyIsObject) {
        if (body.length == 0 || isBlank(body)) {
            if (emptyIsObject) {
                return mapper.createObjectNode();
            }
            throw ApiException.invalidJson("the body is empty; it must be a JSON object");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidJson(describe(e));
        } catch (IOException e) {
            throw ApiException.invalidJson("the body cannot be read as JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalidJson("the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A parse error as a client can use it: what is wrong and where (line and column), in plain words. */
    public static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return "the body is not valid JSON: " + problem(e) + where;
    }

    /**
     * What is wrong with a JSON text, in our words: the parser's own message names its internals
     * (token classes, codes), which mean nothing to a client.
     */
    public static String problem(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "it ends before the JSON value is complete";
        }
        if (e instanceof StreamConstraintsException) {
            return "it nests deeper, or holds a longer number or string, than Atta reads";
        }
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Duplicate field")) {
            return "a field appears twice in one object";
        }
        if (m.contains("UTF-8") || m.contains("UTF8")) {
            return "it is not UTF-8 text";
        }
        if (m.startsWith("Unexpected character") || m.startsWith("Unrecognized token")
                || m.startsWith("Unexpected end-of-input") || m.startsWith("Illegal")) {
            return "a character stands where JSON does not allow it";
        }
        return "it does not follow the JSON grammar";
    }

    /**
     * A parser over a whole body for hand-written streaming readers. It leaves duplicate keys to
     * the reader, which tracks the fields it has seen anyway (cheaper than a set per object).
     */
    public static JsonParser streamingParser(byte[] body) throws IOException {
        return streamingFactory.createParser(body);
    }

    /** Writes one JSON value into segments ({@link BodyBytes}): for replies that may be large. */
    public static BodyBytes writeSegmented(Writer writer) {
        BodyBytes.Sink out = new BodyBytes.Sink();
        try (JsonGenerator g = factory.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.bytes();
    }

    /** Parses a body held in segments, for the hand-written streaming readers ({@link #streamingParser(byte[])}). */
    public static JsonParser streamingParser(BodyBytes body) throws IOException {
        return streamingFactory.createParser(body.stream());
    }

    public static byte[] write(int sizeHint, Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator g = factory.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
