package io.atta.server.http;

import io.atta.core.Limits;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a request body whole (in segments: {@link BodyBytes}), refusing one over {@link Limits#maxRequestBytes} without reading it
 * all, and one that is declared as something other than uncompressed UTF-8 JSON.
 */
final class RequestBody {
    /**
     * Media types a body may be declared as. {@code application/x-www-form-urlencoded} is there
     * because {@code curl -d} sends it unless told otherwise; the body is read as JSON all the same.
     */
    private static final java.util.Set<String> jsonMediaTypes =
            java.util.Set.of("application/json", "application/x-www-form-urlencoded");

    private RequestBody() {
    }

    static BodyBytes read(Context ctx) {
        checkMediaType(ctx.header("Content-Type"), ctx.header("Content-Encoding"));
        long declared = ctx.req().getContentLengthLong();
        if (declared > Limits.maxRequestBytes) {
            throw ApiException.bodyTooLarge(Limits.maxRequestBytes);
        }
        try {
            InputStream in = ctx.req().getInputStream();
            // In segments, not one array: a large batch would be a humongous object (BodyBytes).
            BodyBytes body = BodyBytes.read(in, declared, Limits.maxRequestBytes);
            if (declared >= 0 && body.length() < declared) {
                throw ApiException.invalidJson("the body ended before its Content-Length");
            }
            if (body.length() > Limits.maxRequestBytes) {
                throw ApiException.bodyTooLarge(Limits.maxRequestBytes);
            }
            return body;
        } catch (IOException e) {
            // A client that went away reads nothing of this; one that sent a broken body learns why.
            throw new ApiException(400, "bad_request", "the request body could not be read: it ended early or"
                    + " its chunked encoding is broken", null);
        }
    }

    /** A missing Content-Type is taken as JSON; a declared one must be JSON in UTF-8, uncompressed. */
    static void checkMediaType(String contentType, String contentEncoding) {
        if (contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            throw unsupported("Content-Encoding " + contentEncoding.trim() + " is not supported: send the body"
                    + " uncompressed");
        }
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].trim();
        if (!jsonMediaTypes.contains(type) && !type.endsWith("+json")) {
            throw unsupported("the body must be JSON (Content-Type: application/json), not " + type);
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                throw unsupported("JSON bodies are UTF-8; charset " + p.substring(8) + " is not accepted");
            }
        }
    }

    private static ApiException unsupported(String message) {
        return new ApiException(415, "unsupported_media_type", message, null);
    }
}
