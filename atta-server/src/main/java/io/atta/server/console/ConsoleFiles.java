package io.atta.server.console;

import io.atta.server.http.ApiException;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the console's files from the class path, each with the console's content security
 * policy: scripts, styles, images and API calls from this server only, nothing inline, nothing
 * framed. A file's path is checked against a narrow pattern before the class path is asked, so
 * no request reaches a resource outside the console's folder. Files are small and read once.
 */
final class ConsoleFiles {
    static final String resourceRoot = "/io/atta/server/console/";
    static final String indexFile = "index.html";
    /** Longest path below {@code /console/} asked for; anything longer is no file of the console. */
    static final int maxPathLength = 200;

    /**
     * No inline script or style, no plug-ins, no other origin. {@code img-src data:} is for the
     * charts' exported images; {@code blob:} is not needed for the CSV download, which is a
     * navigation to a blob URL with the {@code download} attribute, not a fetch.
     */
    static final String contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'";

    private static final Pattern safePath = Pattern.compile("([a-z0-9][a-z0-9_-]*/){0,3}[a-z0-9][a-z0-9_.-]*\\.[a-z]{2,4}");
    private static final Map<String, String> contentTypes = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    private final String root;
    private final Map<String, byte[]> read = new ConcurrentHashMap<>();

    ConsoleFiles(String root) {
        this.root = root;
    }

    void index(Context ctx) {
        serve(ctx, indexFile);
    }

    void file(Context ctx) {
        serve(ctx, ctx.pathParam("file"));
    }

    private void serve(Context ctx, String path) {
        String type = path.length() <= maxPathLength && safePath.matcher(path).matches() && !path.contains("..")
                ? contentTypes.get(path.substring(path.lastIndexOf('.') + 1)) : null;
        byte[] bytes = type == null ? null : bytes(path);
        if (bytes == null) {
            throw ApiException.notFound("no console file " + path);
        }
        ctx.status(200).contentType(type)
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                // Every start may serve another build: the browser asks again rather than mixing versions.
                .header("Cache-Control", "no-cache")
                .result(bytes);
    }

    /** The file, or null; only files that exist are kept, so asking for many absent names costs no memory. */
    private byte[] bytes(String path) {
        byte[] known = read.get(path);
        if (known != null) {
            return known;
        }
        byte[] loaded = load(path);
        if (loaded != null) {
            read.putIfAbsent(path, loaded);
        }
        return loaded;
    }

    private byte[] load(String path) {
        try (InputStream in = ConsoleFiles.class.getResourceAsStream(root + path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the console file " + path + " failed", e);
        }
    }
}
