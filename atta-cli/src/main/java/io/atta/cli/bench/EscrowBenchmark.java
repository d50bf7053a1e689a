package io.atta.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.client.AttaClient;
import io.atta.client.CreatedUser;
import io.atta.client.MoneyMovement;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.cluster.AttaNode;
import io.atta.cluster.Invariants;
import io.atta.cluster.InvariantsReport;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.trade.TradeBook;
import io.atta.engine.trade.TradeMoney;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code atta bench --workload escrow}: escrow payments end to end, one payment being a trade
 * created for its buyer and paid at once ({@code create_and_pay}: one log entry on the buyer's
 * shard, after its out_trade_no's claim on the shard the name names), then shipped and confirmed
 * — three writes, each through the batch form of the trades API ({@code POST /v1/trades/batch}),
 * so a round of {@code batch} payments is three requests. It runs in two timed phases, as a sale
 * day does: first every trade is created and paid (the payments figure: money taken from the
 * buyer and held in escrow), then every trade is shipped and confirmed (the lifecycle figure
 * counts both phases). Buyers and merchants are spread over the shards; settlement sweeps run
 * throughout. At the end every buyer's wallet, every
 * merchant's settled and unsettled money and the fee accounts are checked against what the
 * acknowledged payments imply.
 */
final class EscrowBenchmark {
    static final Currency currency = Currency.CNY;
    static final int feeRatePpm = 6_000;
    static final long maxAmount = 10_000;
    private static final ObjectMapper json = new ObjectMapper();

    /**
     * {@code paySeconds}: the payment phase (every trade created and paid, its money held in
     * escrow); {@code fulfilSeconds}: the fulfilment phase (every trade shipped and confirmed).
     * Latencies are per round of {@code batch} trades: create + pay, and ship + confirm.
     */
    record Outcome(long payments, double paySeconds, double fulfilSeconds, LatencyHistogram payLatencies,
                   LatencyHistogram fulfilLatencies, long requests, int merchants, int buyers, long settledMinor,
                   long unsettledMinor, long feesMinor) {
    }

    private record Merchant(long id, long settlementAccount) {
    }

    private final URI base;
    private final String adminKey;
    private final HttpClient http;
    private final AtomicLong requests = new AtomicLong();

    EscrowBenchmark(URI base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    Outcome run(AttaClient client, AttaNode node, int merchantCount, int buyerCount,
                long payments, int batch, int clients, long seed, PrintWriter err) throws Exception {
        List<Merchant> merchants = createMerchants(merchantCount, err);
        long perBuyer = Math.multiplyExact(payments / buyerCount + batch + 1, maxAmount);
        long[] buyers = createBuyers(client, buyerCount, perBuyer, err);
        long[] spentByBuyer = new long[buyers.length];
        long[] netByMerchant = new long[merchants.size()];
        long[] feeTotal = new long[1];
        int rounds = Math.toIntExact((payments + batch - 1) / batch);
        String[][] tradeNos = new String[rounds][];
        // Payments first, as on the day of a sale: every trade created and paid (held in escrow).
        Phase pay = phase("escrow pay", rounds, batch, payments, clients, seed, err, (r, random) -> {
            Round round = round(r, (int) Math.min(batch, payments - (long) r * batch), random, merchants, buyers);
            tradeNos[r] = createAndPay(round);
            synchronized (spentByBuyer) {
                for (int i = 0; i < round.amount().length; i++) {
                    spentByBuyer[round.buyer()[i]] += round.amount()[i];
                    long fee = TradeMoney.fee(round.amount()[i], feeRatePpm);
                    netByMerchant[round.merchant()[i]] += round.amount()[i] - fee;
                    feeTotal[0] += fee;
                }
            }
            return round.amount().length;
        });
        err.printf("[bench] %,d escrow payments (create + pay) in %.3f s: %,.0f/s%n", payments, pay.seconds(),
                payments / pay.seconds());
        // Then fulfilment: each trade shipped and confirmed, releasing its money to the merchant.
        Phase fulfil = phase("escrow ship + confirm", rounds, batch, payments, clients, seed, err, (r, random) -> {
            shipAndConfirm(tradeNos[r]);
            return tradeNos[r].length;
        });
        err.printf("[bench] %,d trades shipped and confirmed in %.3f s; whole lifecycle %,.0f/s%n", payments,
                fulfil.seconds(), payments / (pay.seconds() + fulfil.seconds()));
        long[] settled = verify(node, merchants, buyers, perBuyer, spentByBuyer, netByMerchant, feeTotal[0], err);
        return new Outcome(payments, pay.seconds(), fulfil.seconds(), pay.latencies(), fulfil.latencies(),
                requests.get(), merchants.size(), buyers.length, settled[0], settled[1], feeTotal[0]);
    }

    /** One round's work in a phase: round {@code r}, the worker's random; returns the trades it did. */
    private interface RoundWork {
        int run(int r, SplittableRandom random) throws Exception;
    }

    private record Phase(double seconds, LatencyHistogram latencies) {
    }

    /** Runs {@code work} for every round, {@code clients} rounds at a time, timing each round. */
    private static Phase phase(String name, int rounds, int batch, long payments, int clients, long seed,
                               PrintWriter err, RoundWork work) throws Exception {
        LatencyHistogram latencies = new LatencyHistogram();
        AtomicLong nextRound = new AtomicLong();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        long began = System.nanoTime();
        Progress progress = new Progress(name, "trades", payments, done, err);
        for (int c = 0; c < clients; c++) {
            int worker = c;
            workers.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed + worker);
                LatencyHistogram mine = new LatencyHistogram();
                long r;
                while ((r = nextRound.getAndIncrement()) < rounds) {
                    long t0 = System.nanoTime();
                    int n = work.run((int) r, random);
                    mine.recordNanos(System.nanoTime() - t0);
                    done.addAndGet(n);
                }
                synchronized (latencies) {
                    latencies.add(mine);
                }
                return null;
            }));
        }
        try {
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        return new Phase((System.nanoTime() - began) / 1e9, latencies);
    }

    /** One round's payments: merchant, buyer and amount of each, and its out_trade_no. */
    private record Round(long number, int[] merchant, int[] buyer, long[] amount, String[] outTradeNo,
                         long[] merchantId, long[] buyerId) {
    }

    private static Round round(long number, int n, SplittableRandom random, List<Merchant> merchants, long[] buyers) {
        int[] m = new int[n];
        int[] b = new int[n];
        long[] amount = new long[n];
        String[] out = new String[n];
        long[] mid = new long[n];
        long[] bid = new long[n];
        for (int i = 0; i < n; i++) {
            m[i] = random.nextInt(merchants.size());
            b[i] = random.nextInt(buyers.length);
            amount[i] = 1 + random.nextLong(maxAmount);
            out[i] = "b" + number + "-" + i;
            mid[i] = merchants.get(m[i]).id();
            bid[i] = buyers[b[i]];
        }
        return new Round(number, m, b, amount, out, mid, bid);
    }

    /**
     * Creates and pays the round's trades in one batch request ({@code create_and_pay}: each
     * trade opened and paid in one log entry of its buyer's shard, where it is placed); every item
     * must succeed. Returns the trade numbers the reply names.
     */
    private String[] createAndPay(Round r) throws IOException, InterruptedException {
        int n = r.amount().length;
        ArrayNode items = json.createArrayNode();
        for (int i = 0; i < n; i++) {
            ObjectNode item = items.addObject();
            item.put("out_trade_no", r.outTradeNo()[i]);
            item.put("seller", Long.toString(r.merchantId()[i]));
            item.put("buyer_user_id", Long.toString(r.buyerId()[i]));
            item.put("amount", Amounts.format(r.amount()[i], currency));
            item.put("currency", currency.name());
            item.put("subject", "bench goods");
            item.put("goods_type", "virtual");
        }
        return batch("create_and_pay", items, null);
    }

    /** Ships and confirms paid trades, one batch request each; every item must succeed. */
    private void shipAndConfirm(String[] tradeNo) throws IOException, InterruptedException {
        ArrayNode ship = json.createArrayNode();
        ArrayNode confirm = json.createArrayNode();
        for (int i = 0; i < tradeNo.length; i++) {
            ship.addObject().put("trade_no", tradeNo[i]).put("carrier", "bench").put("tracking_no", "t" + i);
            confirm.addObject().put("trade_no", tradeNo[i]);
        }
        batch("ship", ship, tradeNo);
        batch("confirm", confirm, tradeNo);
    }

    /**
     * Posts a batch; every item must answer {@code ok}, for the trade {@code tradeNo} names when
     * given (null: any). Returns the trade numbers the results name, in request order.
     */
    private String[] batch(String action, ArrayNode items, String[] tradeNo) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("action", action);
        body.set("items", items);
        JsonNode reply = post("/v1/trades/batch", body);
        JsonNode results = reply.path("results");
        if (results.size() != items.size()) {
            throw new BenchFailure(action + ": " + results.size() + " results for " + items.size() + " items");
        }
        String[] named = new String[items.size()];
        for (int i = 0; i < named.length; i++) {
            named[i] = results.get(i).path("trade_no").asText();
            String result = results.get(i).path("result").asText();
            if (!result.equals("ok")) {
                throw new BenchFailure(action + " of trade " + named[i] + " answered " + result);
            }
            if (tradeNo != null && !named[i].equals(tradeNo[i])) {
                throw new BenchFailure(action + ": result " + i + " is for trade " + named[i] + ", not " + tradeNo[i]);
            }
        }
        return named;
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        requests.incrementAndGet();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new BenchFailure("POST " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }

    private List<Merchant> createMerchants(int count, PrintWriter err) throws IOException, InterruptedException {
        List<Merchant> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode body = json.createObjectNode();
            body.put("name", "bench merchant " + i);
            body.put("fee_rate", "0.006");
            JsonNode m = post("/v1/merchants", body);
            out.add(new Merchant(m.path("merchant_id").asLong(), m.path("settlement_account_id").asLong()));
        }
        err.printf("[bench] created %d merchants%n", count);
        return out;
    }

    private static long[] createBuyers(AttaClient client, int count, long funds, PrintWriter err) {
        long[] users = new long[count];
        List<CompletableFuture<CreatedUser>> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(client.createUserAsync(currency));
        }
        for (int i = 0; i < count; i++) {
            users[i] = made.get(i).join().userId();
        }
        List<CompletableFuture<MoneyMovement>> funded = new ArrayList<>();
        for (long u : users) {
            funded.add(client.topupAsync(u, funds, currency, "bench-escrow-fund"));
        }
        funded.forEach(CompletableFuture::join);
        err.printf("[bench] created %,d buyers, each funded with %s %s%n", count, Amounts.format(funds, currency),
                currency);
        return users;
    }

    /**
     * Checks, on the node itself, every buyer's wallet, every merchant's money (settled to its
     * settlement account, or still in its receivables on the buyers' shards), the fee accounts
     * and the invariants (escrow holds exactly the open holds: none) against the acknowledged
     * payments; returns {settled, unsettled}.
     */
    private static long[] verify(AttaNode node, List<Merchant> merchants, long[] buyers, long funds,
                                 long[] spentByBuyer, long[] netByMerchant, long fees, PrintWriter err)
            throws Exception {
        for (int i = 0; i < buyers.length; i++) {
            long user = buyers[i];
            long balance = read(node, node.shardOf(user), l -> l.account(l.user(user).walletAccountId()).balance());
            if (balance != funds - spentByBuyer[i]) {
                throw new BenchFailure("buyer " + user + " holds " + balance + ", expected " + (funds - spentByBuyer[i]));
            }
        }
        long settled = 0;
        long expected = 0;
        for (int i = 0; i < merchants.size(); i++) {
            long account = merchants.get(i).settlementAccount();
            settled += read(node, node.shardOf(account), l -> l.account(account).balance());
            expected += netByMerchant[i];
        }
        long unsettled = 0;
        long feesHeld = read(node, node.shardOf(HouseAccount.fees.globalId(currency)),
                l -> l.account(HouseAccount.fees.globalId(currency)).balance());
        for (int s = 0; s < node.shardCount(); s++) {
            unsettled += read(node, s, l -> {
                long sum = 0;
                for (TradeBook.Receivable r : l.trades().receivables()) {
                    sum += l.account(r.accountId()).balance();
                }
                return sum;
            });
            feesHeld += read(node, s, l -> l.account(HouseAccount.fees.id(l.homeSlot(), currency)).balance());
        }
        if (settled + unsettled != expected) {
            throw new BenchFailure("merchants hold " + settled + " settled + " + unsettled + " unsettled, expected "
                    + expected);
        }
        if (feesHeld != fees) {
            throw new BenchFailure("fee accounts hold " + feesHeld + ", expected " + fees);
        }
        InvariantsReport report = Invariants.check(node, System.nanoTime()).get(60, TimeUnit.SECONDS);
        if (!report.violations().isEmpty()) {
            throw new BenchFailure("invariants violated: " + report.violations());
        }
        err.printf("[bench] verified %,d buyers, %d merchants (%s settled, %s not yet), fees %s, invariants hold%n",
                buyers.length, merchants.size(), Amounts.format(settled, currency), Amounts.format(unsettled, currency),
                Amounts.format(fees, currency));
        return new long[] {settled, unsettled};
    }

    private static <T> T read(AttaNode node, int shard, java.util.function.Function<ShardLedger, T> reader)
            throws Exception {
        return node.read(shard, reader).get(60, TimeUnit.SECONDS);
    }
}
