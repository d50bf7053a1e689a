package io.atta.server.http;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Jetty's own answers as the JSON error body: requests it refuses before any route sees them (bad
 * percent-encoding, no Host, a request line over {@link #maxRequestHeaderBytes}: 400, 414, 431,
 * 505) and errors its servlet layer raises. Without this Jetty writes an HTML page.
 */
public final class JettyErrors extends ErrorHandler {
    /** Largest request line plus headers Jetty reads; a longer URI is 414, longer headers 431. */
    public static final int maxRequestHeaderBytes = 8 * 1024;

    private JettyErrors() {
        setShowStacks(false);
        setShowServlet(false);
    }

    /** Sets the header limit and puts JSON errors in place of Jetty's pages, at server and context level. */
    public static void install(JavalinConfig config) {
        config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(maxRequestHeaderBytes));
        config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JettyErrors()));
    }

    /** A request Jetty's parser refused; the connection is closed after this answer. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        StatusError e = StatusError.of(status, reason);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(ErrorReplies.body(e.code(), e.message(), null));
    }

    /** Every method gets a body: the default skips all but GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** An error raised past the parser (a servlet-level failure): the status is set; write the body. */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object reason = request.getAttribute("jakarta.servlet.error.message");
        StatusError e = StatusError.of(response.getStatus(), reason == null ? null : reason.toString());
        byte[] body = ErrorReplies.body(e.code(), e.message(), null);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }
}
