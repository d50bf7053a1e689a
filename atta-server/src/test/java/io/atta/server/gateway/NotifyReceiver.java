package io.atta.server.gateway;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A merchant's {@code notify_url} on 127.0.0.1 for tests: it keeps the form fields of every POST
 * and answers the {@code n}-th (from 1) as {@code answers} says.
 */
final class NotifyReceiver implements AutoCloseable {
    static final String path = "/notify";

    /** What the merchant answers: an HTTP status and a body. */
    record Answer(int status, String body) {
        static final Answer success = new Answer(200, "success");
    }

    /** One notification as received. */
    record Received(String contentType, Map<String, String> fields) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private NotifyReceiver(int port, IntFunction<Answer> answers) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the test receiver to port " + port, e);
        }
        server.createContext(path, exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"), form(body)));
            Answer a = answers.apply(received.size());
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    static NotifyReceiver answering(int port, IntFunction<Answer> answers) {
        return new NotifyReceiver(port, answers);
    }

    /** A port nothing listens on right now: a merchant that is down. */
    static int closedPort() {
        NotifyReceiver r = answering(0, n -> Answer.success);
        int port = r.port();
        r.close();
        return port;
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            f.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return f;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return url(port());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
