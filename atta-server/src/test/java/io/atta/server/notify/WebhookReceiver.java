package io.atta.server.notify;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.IntUnaryOperator;

/**
 * A merchant's webhook endpoint on 127.0.0.1 for tests: it keeps every request it gets and
 * answers the {@code n}-th (from 1) with the status {@code answers} gives for {@code n}.
 */
public final class WebhookReceiver implements AutoCloseable {
    public static final String path = "/hooks/atta";

    /** One request as received. */
    public record Received(String method, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver(int port, IntUnaryOperator answers) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the test receiver to port " + port, e);
        }
        server.createContext(path, exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Received(exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(answers.applyAsInt(received.size()), -1);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    /** A receiver on a free port answering 200 to everything. */
    public static WebhookReceiver accepting() {
        return new WebhookReceiver(0, n -> 200);
    }

    /** A receiver on {@code port} (0: a free one) answering by {@code answers}. */
    public static WebhookReceiver answering(int port, IntUnaryOperator answers) {
        return new WebhookReceiver(port, answers);
    }

    /** A port nothing listens on right now: a receiver that is down. */
    public static int closedPort() {
        WebhookReceiver r = accepting();
        int port = r.port();
        r.close();
        return port;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
