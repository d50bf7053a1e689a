package io.atta.server.http;

import io.atta.core.Limits;

/**
 * The error code and message for an HTTP status that no handler of ours chose: Jetty refused the
 * request before routing it, or Javalin answered with a bare status. The message says what is
 * wrong with the request in plain words and names the limit it broke.
 */
record StatusError(String code, String message) {
    /**
     * The error for {@code status}; {@code reason} is Jetty's own text when it gave one, used only to
     * choose among our sentences (it is never shown: it names parser internals).
     */
    static StatusError of(int status, String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        return switch (status) {
            case 400 -> badRequest(r);
            case 404 -> new StatusError("not_found", "no such route");
            case 405 -> new StatusError("method_not_allowed", "the method is not allowed on this path");
            case 408 -> new StatusError("request_timeout", "the request did not arrive in time");
            case 411 -> new StatusError("length_required", "the request needs a Content-Length header");
            case 413 -> new StatusError("body_too_large", "request body is larger than " + Limits.maxRequestBytes
                    + " bytes (maxRequestBytes)");
            case 414 -> new StatusError("uri_too_long", "the request line (method, path and query) is longer than "
                    + JettyErrors.maxRequestHeaderBytes + " bytes (maxRequestHeaderBytes)");
            case 415 -> new StatusError("unsupported_media_type", "the body must be JSON (Content-Type: "
                    + "application/json)");
            case 431 -> new StatusError("headers_too_large", "the request line and headers are larger than "
                    + JettyErrors.maxRequestHeaderBytes + " bytes (maxRequestHeaderBytes)");
            case 500 -> new StatusError("internal", "internal error; the server log has the details");
            case 501 -> new StatusError("not_implemented", "the request uses a feature of HTTP that Atta does not"
                    + " implement");
            case 505 -> new StatusError("http_version_not_supported", "Atta speaks HTTP/1.1 (and HTTP/1.0)");
            default -> new StatusError("http_" + status, "the request cannot be served (HTTP " + status + ")");
        };
    }

    private static StatusError badRequest(String reason) {
        String message;
        if (reason.contains("host")) {
            message = "the request has no Host header, or more than one (HTTP/1.1 requires exactly one)";
        } else if (reason.contains("content-length")) {
            message = "the Content-Length header is not a single valid length";
        } else if (reason.contains("transfer-encoding") || reason.contains("chunk")) {
            message = "the Transfer-Encoding header or the chunked body is malformed";
        } else if (reason.contains("ambiguous")) {
            message = "the path holds an encoded separator, an empty segment or a dot segment; write the path"
                    + " plainly";
        } else if (reason.contains("uri") || reason.contains("bad request") || reason.isEmpty()) {
            message = "the request is malformed: check that its path and query are validly percent-encoded"
                    + " UTF-8 (% followed by two hex digits)";
        } else {
            message = "the request is not valid HTTP/1.1";
        }
        return new StatusError("bad_request", message);
    }
}
