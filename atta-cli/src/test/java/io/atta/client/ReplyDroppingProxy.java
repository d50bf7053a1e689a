package io.atta.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits between the client and a real server on loopback sockets and loses replies: it forwards
 * every request to the server, waits for the server's full answer, and for the first
 * {@code repliesToLose} requests closes the client's connection instead of passing the answer
 * on. The server has acted on those requests; the client cannot know.
 */
final class ReplyDroppingProxy implements AutoCloseable {
    private final ServerSocket socket;
    private final URI target;
    private final AtomicInteger repliesToLose;
    private final HttpClient forwarder = HttpClient.newHttpClient();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    ReplyDroppingProxy(URI target, int repliesToLose) throws IOException {
        this.target = target;
        this.repliesToLose = new AtomicInteger(repliesToLose);
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** The request bodies that reached the server, in order. */
    List<String> forwardedBodies() {
        return List.copyOf(bodies);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            for (String requestLine = line(in); requestLine != null && !requestLine.isEmpty(); requestLine = line(in)) {
                int contentLength = 0;
                String authorization = "";
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    if (name.equals("content-length")) {
                        contentLength = Integer.parseInt(h.substring(colon + 1).trim());
                    } else if (name.equals("authorization")) {
                        authorization = h.substring(colon + 1).trim();
                    }
                }
                byte[] body = in.readNBytes(contentLength);
                String[] parts = requestLine.split(" ");
                bodies.add(new String(body, StandardCharsets.UTF_8));
                HttpResponse<byte[]> reply = forwarder.send(HttpRequest.newBuilder(target.resolve(parts[1]))
                        .method(parts[0], body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                if (repliesToLose.getAndDecrement() > 0) {
                    return;
                }
                out.write(("HTTP/1.1 " + reply.statusCode() + " Proxied\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + reply.body().length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(reply.body());
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // The client went away, or the test is over.
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
