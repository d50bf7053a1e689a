package io.atta.server.http;

import io.atta.core.Limits;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request body whole, refusing one over {@link Limits#maxRequestBytes} without reading it all. */
final class RequestBody {
    private RequestBody() {
    }

    static byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > Limits.maxRequestBytes) {
            throw ApiException.bodyTooLarge(Limits.maxRequestBytes);
        }
        try {
            InputStream in = ctx.req().getInputStream();
            if (declared >= 0) {
                byte[] body = in.readNBytes((int) declared);
                if (body.length < declared) {
                    throw ApiException.invalidJson("the body ended before its Content-Length");
                }
                return body;
            }
            byte[] body = in.readNBytes(Limits.maxRequestBytes + 1);
            if (body.length > Limits.maxRequestBytes) {
                throw ApiException.bodyTooLarge(Limits.maxRequestBytes);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }
}
