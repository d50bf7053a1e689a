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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP/1.1 server on a real loopback socket that answers from a script, for testing the
 * client's retries without an Atta server: each request takes the next step (the last one
 * repeats), which either replies or drops the connection without a reply. A server made with a
 * {@link Responder} answers each request as the responder decides instead.
 */
final class ScriptedHttpServer implements AutoCloseable {
    /** Chooses the step for one request, from what it asks. */
    @FunctionalInterface
    interface Responder {
        Step answer(Received request);
    }

    record Step(int status, String body) {
        static Step reply(int status, String body) {
            return new Step(status, body);
        }

        /** Close the connection after reading the request, sending nothing. */
        static Step drop() {
            return new Step(-1, null);
        }
    }

    record Received(String method, String target, String authorization, String body) {
    }

    private final ServerSocket socket;
    private final List<Step> script;
    private final Responder responder;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Socket> connections = new ConcurrentLinkedQueue<>();
    private int next;

    ScriptedHttpServer(Step... script) throws IOException {
        this(List.of(script), null);
    }

    ScriptedHttpServer(Responder responder) throws IOException {
        this(List.of(), responder);
    }

    private ScriptedHttpServer(List<Step> script, Responder responder) throws IOException {
        this.script = script;
        this.responder = responder;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "scripted-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** The requests received for {@code target} (path and query). */
    List<Received> received(String target) {
        return received.stream().filter(r -> r.target().equals(target)).toList();
    }

    private synchronized Step nextStep() {
        Step s = script.get(Math.min(next, script.size() - 1));
        next++;
        return s;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "scripted-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                int contentLength = 0;
                String authorization = null;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = h.substring(colon + 1).trim();
                    if (name.equals("content-length")) {
                        contentLength = Integer.parseInt(value);
                    } else if (name.equals("authorization")) {
                        authorization = value;
                    }
                }
                String body = new String(in.readNBytes(contentLength), StandardCharsets.UTF_8);
                String[] parts = requestLine.split(" ");
                Received request = new Received(parts[0], parts[1], authorization, body);
                received.add(request);
                Step step = responder == null ? nextStep() : responder.answer(request);
                if (step.status() < 0) {
                    return;
                }
                byte[] reply = step.body().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + step.status() + " Scripted\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + reply.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(reply);
                out.flush();
            }
        } catch (IOException gone) {
            // The client closed the connection; nothing to do.
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
        for (Socket s : connections) {
            s.close();
        }
    }
}
