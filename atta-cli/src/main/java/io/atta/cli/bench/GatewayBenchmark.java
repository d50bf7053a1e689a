package io.atta.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.cli.bench.GatewayPayRequests.Answer;
import io.atta.cli.bench.GatewayPayRequests.PayRequest;
import io.atta.client.AttaClient;
import io.atta.client.CreatedUser;
import io.atta.client.MoneyMovement;
import io.atta.cluster.AttaNode;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.server.gateway.GatewayReply;
import io.atta.server.gateway.RsaKeys;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code atta bench --workload gateway}: {@code alipay.trade.pay} through {@code /gateway.do}, as
 * a merchant's scanner sends it with the official SDK. One merchant with one app (an RSA-2048
 * key made here) charges {@code buyers} funded buyers by their payment codes. Every request is
 * built and signed before the clock starts, so the clients' signing does not compete with the
 * server for the cores; in the timed phase each client sends its requests one at a time over
 * keep-alive HTTP/1.1 and checks each answer as the SDK does, its signature included unless
 * turned off. The server's time in checking and making signatures comes from its own timers on
 * {@code /metrics}; the process's CPU time (server and clients share it) from the JVM. At the
 * end every buyer's wallet, the count of successful answers, a replayed request (which must not
 * pay twice) and the invariants are checked.
 */
final class GatewayBenchmark {
    static final Currency currency = Currency.CNY;
    static final long maxAmount = 10_000;
    static final int appKeyBits = 2048;
    private static final ObjectMapper json = new ObjectMapper();

    record Outcome(int payments, double seconds, LatencyHistogram latencies, long maxLatencyNanos,
                   double presignSeconds, GatewayScrape server, double processCpuSeconds, double machineCpuSeconds,
                   double clientVerifySeconds, int buyers, long spentMinor, RsaSpeed rsa) {
    }

    private final URI base;
    private final String adminKey;
    private final HttpClient http;

    GatewayBenchmark(URI base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    Outcome run(AttaClient client, AttaNode node, int buyerCount, int payments, int clients,
                boolean verifyResponses, long seed, PrintWriter err) throws Exception {
        KeyPair appKey = generate();
        long merchant = post("/v1/merchants", json.createObjectNode().put("name", "bench gateway merchant")
                .put("fee_rate", "0.006")).path("merchant_id").asLong();
        JsonNode app = post("/v1/merchants/" + merchant + "/apps",
                json.createObjectNode().put("public_key", RsaKeys.encode(appKey.getPublic())));
        String appId = app.path("app_id").asText();
        PublicKey platformKey = RsaKeys.parsePublicKey(app.path("alipay_public_key").asText());
        long perBuyer = Math.multiplyExact(payments / buyerCount + 1, maxAmount);
        long[] buyers = createBuyers(client, buyerCount, perBuyer, err);
        String[] codes = new String[buyers.length];
        for (int i = 0; i < buyers.length; i++) {
            codes[i] = get("/v1/users/" + buyers[i] + "/payment-code").path("auth_code").asText();
        }
        err.printf("[bench] merchant %d, app %s, %,d payment codes%n", merchant, appId, codes.length);

        long[] spentByBuyer = new long[buyers.length];
        long presignBegan = System.nanoTime();
        PayRequest[] requests = presign(appId, appKey, codes, payments, spentByBuyer, seed);
        double presignSeconds = (System.nanoTime() - presignBegan) / 1e9;
        err.printf("[bench] signed %,d requests in %.1f s (before the timed phase)%n", payments, presignSeconds);
        RsaSpeed rsa = RsaSpeed.measure(appKey, appKeyBits);
        err.printf("[bench] one thread, RSA-%d: %,.0f RSA2 signs/s, %,.0f verifies/s%n", appKeyBits,
                rsa.signsPerSecond(), rsa.verifiesPerSecond());

        GatewayScrape before = scrape();
        long cpuBefore = processCpuNanos();
        double machineBefore = MachineCpu.busySeconds();
        LatencyHistogram latencies = new LatencyHistogram();
        AtomicLong maxLatency = new AtomicLong();
        AtomicLong clientVerifyNanos = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        long began = System.nanoTime();
        Progress progress = new Progress("gateway", "payments", payments, done, err);
        try {
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    LatencyHistogram mine = new LatencyHistogram();
                    long myMax = 0;
                    long myVerify = 0;
                    int i;
                    while ((i = next.getAndIncrement()) < payments) {
                        long t0 = System.nanoTime();
                        String body = send(requests[i]);
                        long t1 = System.nanoTime();
                        Answer answer = GatewayPayRequests.check(requests[i], body, platformKey, verifyResponses);
                        long t2 = System.nanoTime();
                        if (!answer.ok()) {
                            throw new BenchFailure("payment " + requests[i].outTradeNo() + ": " + answer.problem());
                        }
                        mine.recordNanos(t2 - t0);
                        myMax = Math.max(myMax, t2 - t0);
                        myVerify += t2 - t1;
                        done.incrementAndGet();
                    }
                    synchronized (latencies) {
                        latencies.add(mine);
                    }
                    long max = myMax;
                    maxLatency.accumulateAndGet(max, Math::max);
                    clientVerifyNanos.addAndGet(myVerify);
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        double machineSeconds = machineBefore < 0 ? -1 : MachineCpu.busySeconds() - machineBefore;
        GatewayScrape server = scrape().since(before);
        err.printf("[bench] %,d gateway payments in %.3f s: %,.0f/s%n", payments, seconds, payments / seconds);

        long spent = verify(node, buyers, perBuyer, spentByBuyer, server, payments, requests[0], platformKey, err);
        return new Outcome(payments, seconds, latencies, maxLatency.get(), presignSeconds, server, cpuSeconds, machineSeconds,
                clientVerifyNanos.get() / 1e9, buyers.length, spent, rsa);
    }

    /**
     * Every request, each its own out_trade_no for a random buyer and amount, signed on as many
     * threads as there are cores; {@code spentByBuyer} gets what each buyer will pay.
     */
    private static PayRequest[] presign(String appId, KeyPair appKey, String[] codes, int payments,
                                        long[] spentByBuyer, long seed) throws Exception {
        PayRequest[] out = new PayRequest[payments];
        int[] buyer = new int[payments];
        long[] amount = new long[payments];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < payments; i++) {
            buyer[i] = random.nextInt(codes.length);
            amount[i] = 1 + random.nextLong(maxAmount);
            spentByBuyer[buyer[i]] += amount[i];
        }
        Instant now = Instant.now();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < payments; i += threads) {
                        out[i] = GatewayPayRequests.build(appId, appKey.getPrivate(), "g" + i, codes[buyer[i]],
                                amount[i], now);
                    }
                    return null;
                }));
            }
            for (Future<?> p : parts) {
                p.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /**
     * Every buyer's wallet is down by exactly what its payments took, every payment was answered
     * 10000 once, sending the first request again is refused as already paid (and moves nothing),
     * and the invariants hold. Returns the money paid.
     */
    private long verify(AttaNode node, long[] buyers, long funds, long[] spentByBuyer, GatewayScrape server,
                        int payments, PayRequest first, PublicKey platformKey, PrintWriter err) throws Exception {
        if (server.answered() != payments) {
            throw new BenchFailure("the server counted " + server.answered() + " successful payments, the bench sent "
                    + payments);
        }
        Answer replay = GatewayPayRequests.check(first, send(first), platformKey, true);
        if (replay.ok() || !replay.problem().contains("ACQ.TRADE_HAS_SUCCESS")) {
            throw new BenchFailure("payment " + first.outTradeNo() + " sent again was not refused as already paid: "
                    + (replay.ok() ? "it succeeded" : replay.problem()));
        }
        long spent = 0;
        for (int i = 0; i < buyers.length; i++) {
            long user = buyers[i];
            long balance = node.read(node.shardOf(user), l -> l.account(l.user(user).walletAccountId()).balance())
                    .get(60, TimeUnit.SECONDS);
            if (balance != funds - spentByBuyer[i]) {
                throw new BenchFailure("buyer " + user + " holds " + balance + ", expected " + (funds - spentByBuyer[i]));
            }
            spent += spentByBuyer[i];
        }
        JsonNode invariants = get("/v1/admin/invariants");
        if (!invariants.path("ok").asBoolean(false)) {
            throw new BenchFailure("invariants violated: " + invariants.path("violations"));
        }
        err.printf("[bench] verified %,d buyers' wallets (%s %s paid), %,d successful answers, a replay refused as "
                + "already paid, invariants hold%n", buyers.length, Amounts.format(spent, currency), currency, payments);
        return spent;
    }

    private String send(PayRequest r) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/gateway.do?" + r.rawQuery()))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", GatewayPayRequests.formContentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(r.body())).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new BenchFailure("/gateway.do answered HTTP " + response.statusCode() + " for "
                    + r.outTradeNo());
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private GatewayScrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return GatewayScrape.parse(r.body(), GatewayPayRequests.method, GatewayReply.codeSuccess);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(base.resolve(path)).GET(), path);
    }

    private JsonNode post(String path, ObjectNode body) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))), path);
    }

    private JsonNode call(HttpRequest.Builder b, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(b.timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminKey).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new BenchFailure(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }

    private static long[] createBuyers(AttaClient client, int count, long funds, PrintWriter err) {
        List<CompletableFuture<CreatedUser>> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(client.createUserAsync(currency));
        }
        long[] users = new long[count];
        for (int i = 0; i < count; i++) {
            users[i] = made.get(i).join().userId();
        }
        List<CompletableFuture<MoneyMovement>> funded = new ArrayList<>();
        for (long u : users) {
            funded.add(client.topupAsync(u, funds, currency, "bench-gateway-fund"));
        }
        funded.forEach(CompletableFuture::join);
        err.printf("[bench] created %,d buyers, each funded with %s %s%n", count, Amounts.format(funds, currency),
                currency);
        return users;
    }

    /** CPU time of this whole process (server, clients, JIT, GC), as the JVM reports it. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static KeyPair generate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(appKeyBits);
        return g.generateKeyPair();
    }
}
