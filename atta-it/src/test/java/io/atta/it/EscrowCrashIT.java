package io.atta.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.trade.TradeNames;
import io.atta.engine.trade.TradeMoney;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escrow trades against a real 3-shard server that is killed with SIGKILL while trades are
 * confirmed (released to receivables) and while settlement sweeps move receivables to the
 * merchants every second; some kills land inside a sweep's cross-shard transaction by a crash
 * point. After every kill {@code atta verify} finds no invariant broken on disk. At the end every
 * trade is finished exactly once: each buyer paid exactly its trades, each merchant holds
 * exactly its trades' net amounts (settled or still in receivables), the fee accounts exactly
 * the fees, and the escrow accounts nothing. Seeded: {@code -Datta.seed=…}.
 */
class EscrowCrashIT {
    private static final Currency cny = Currency.CNY;
    private static final int shards = 3;
    private static final int merchantCount = 4;
    private static final int buyerCount = 12;
    private static final long funding = 100_000_000L;
    private static final int loaders = 3;
    private static final int tradesPerRound = 20;
    private static final int kills = 5;
    /**
     * Crash points of a sweep's transaction (the only cross-shard transactions this test makes)
     * that it reaches whether its one participant decides it or its coordinator does.
     */
    private static final String[] sweepCrashPoints = {"afterPrepare:1", "afterAnswer", "beforeDecide",
            "afterDecide"};
    private static final long progressBoundMs = 60_000;
    /** Three settlement intervals: with no load, every receivable is swept by then. */
    private static final long quietAfterLoadMs = 3_000;
    private static final List<String> serverJvmArgs = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");
    private static final List<String> serverArgs = List.of("--snapshot-interval", "1", "--settlement-interval", "1");
    private static final long seed = Long.getLong("atta.seed", System.nanoTime());

    @TempDir
    Path tmp;

    private record Merchant(long id, long settlementAccount) {
    }

    /** A trade the load made: who, how much, and whether its confirm was acknowledged. */
    private record Trade(String outTradeNo, String tradeNo, int merchant, int buyer, long amount) {
    }

    @Test
    void tradesAndSettlementSurviveKillNine() throws Exception {
        RestartableServer.runSeeded("EscrowCrashIT", seed, tmp.resolve("data"), shards, serverJvmArgs, serverArgs, this::run);
    }

    private void run(RestartableServer server) throws Exception {
        server.startClean();
        TradeHttp api = new TradeHttp(server.baseUri(), server.adminKey(), progressBoundMs);
        List<Merchant> merchants = new ArrayList<>();
        for (int i = 0; i < merchantCount; i++) {
            ObjectNode body = TradeHttp.object().put("name", "merchant " + i).put("fee_rate", "0.006");
            JsonNode m = api.post("/v1/merchants", body);
            merchants.add(new Merchant(m.path("merchant_id").asLong(), m.path("settlement_account_id").asLong()));
        }
        long[] buyers = new long[buyerCount];
        for (int i = 0; i < buyerCount; i++) {
            buyers[i] = api.post("/v1/users", TradeHttp.object().put("currency", cny.name())).path("user_id")
                    .asLong();
            api.post("/v1/users/" + buyers[i] + "/topup", TradeHttp.object().put("amount",
                    Amounts.format(funding, cny)).put("currency", cny.name()).put("request_id", "fund-" + i));
        }

        AtomicBoolean loading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Trade> made = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong confirmed = new AtomicLong();
        ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < loaders; t++) {
            int loader = t;
            Thread th = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed + loader);
                try {
                    for (int round = 0; loading.get(); round++) {
                        List<Trade> trades = new ArrayList<>();
                        for (int i = 0; i < tradesPerRound; i++) {
                            int m = random.nextInt(merchantCount);
                            String out = "l" + loader + "-r" + round + "-" + i;
                            int b = random.nextInt(buyerCount);
                            // Created with its buyer, the trade is placed on the buyer's shard.
                            trades.add(new Trade(out, Long.toString(TradeNames.placed(TradeNames.nameNo(
                                    merchants.get(m).id(), out), buyers[b])), m, b, 1 + random.nextLong(50_000)));
                        }
                        made.addAll(trades);
                        gate.readLock().lock();
                        try {
                            completeTrades(api, trades, merchants, buyers);
                        } finally {
                            gate.readLock().unlock();
                        }
                        confirmed.addAndGet(trades.size());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "escrow-loader-" + t);
            th.start();
            threads.add(th);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<String> killedAt = new ArrayList<>();
        try {
            for (int k = 0; k < kills; k++) {
                awaitProgress(confirmed, failures, 100 + random.nextInt(400), "before kill " + k);
                if (k % 2 == 1) {
                    // Inside a settlement sweep: the first sweep that moves anything kills the server.
                    String point = sweepCrashPoints[random.nextInt(sweepCrashPoints.length)];
                    restartWithCrashPoint(server, api, gate, point);
                    assertThat(server.awaitExit(progressBoundMs))
                            .as("a sweep reached crash point %s (seed %d)", point, seed).isTrue();
                    killedAt.add("sweep " + point);
                } else {
                    server.kill();
                    killedAt.add("random");
                }
                assertThat(OfflineVerify.report(server.data(), server.logFile()).path("violations"))
                        .as("invariants on disk after kill %d (seed %d)", k, seed).isEmpty();
                server.startClean();
            }
            awaitProgress(confirmed, failures, 100, "after the last kill");
        } finally {
            loading.set(false);
            for (Thread th : threads) {
                th.join(TimeUnit.MINUTES.toMillis(3));
            }
        }
        assertThat(failures).as("loader failures (seed %d)", seed).isEmpty();

        // The last kill with sweeps running, then every trade must be whole.
        server.kill();
        server.startClean();
        List<Trade> trades = new ArrayList<>(made);
        verify(api, server, trades, merchants, buyers);
        System.out.printf("Escrow crash test (seed %d): kills %s; %d trades finished and verified%n", seed, killedAt,
                trades.size());
    }

    /**
     * Holds the load back until the sweeps have moved every receivable (nothing left to sweep,
     * no transaction unfinished), so that the server restarted with the crash point becomes
     * healthy; the load then resumes, and the first sweep of its money reaches the crash point.
     */
    private static void restartWithCrashPoint(RestartableServer server, TradeHttp api, ReentrantReadWriteLock gate,
                                              String point) throws Exception {
        gate.writeLock().lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(progressBoundMs);
            TimeUnit.MILLISECONDS.sleep(quietAfterLoadMs);
            while (!api.get("/v1/admin/invariants").path("unfinished").isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            server.kill();
            server.startCrashingAt(point);
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Creates, pays, ships and confirms the trades, one batch request per step, retried until every item is done. */
    private static void completeTrades(TradeHttp api, List<Trade> trades, List<Merchant> merchants, long[] buyers)
            throws InterruptedException {
        step(api, "create", trades, (t, item) -> item.put("out_trade_no", t.outTradeNo())
                .put("seller", Long.toString(merchants.get(t.merchant()).id()))
                .put("buyer_user_id", Long.toString(buyers[t.buyer()])).put("amount", Amounts.format(t.amount(), cny))
                .put("currency", cny.name()).put("subject", "goods").put("goods_type", "physical"));
        step(api, "pay", trades, (t, item) -> item.put("trade_no", t.tradeNo())
                .put("buyer_user_id", Long.toString(buyers[t.buyer()])));
        step(api, "ship", trades, (t, item) -> item.put("trade_no", t.tradeNo()).put("carrier", "SF")
                .put("tracking_no", t.outTradeNo()));
        step(api, "confirm", trades, (t, item) -> item.put("trade_no", t.tradeNo()));
    }

    private interface ItemWriter {
        void write(Trade t, ObjectNode item);
    }

    private static void step(TradeHttp api, String action, List<Trade> trades, ItemWriter writer)
            throws InterruptedException {
        ObjectNode body = TradeHttp.object().put("action", action);
        ArrayNode items = body.putArray("items");
        for (Trade t : trades) {
            writer.write(t, items.addObject());
        }
        JsonNode results = api.post("/v1/trades/batch", body).path("results");
        assertThat(results.size()).isEqualTo(trades.size());
        for (int i = 0; i < trades.size(); i++) {
            // A retry after an unknown outcome answers exists for what was applied before the kill.
            assertThat(results.get(i).path("result").asText()).as("%s of %s", action, trades.get(i).tradeNo())
                    .isIn("ok", "exists");
        }
    }

    private static void verify(TradeHttp api, RestartableServer server, List<Trade> trades, List<Merchant> merchants,
                               long[] buyers) throws Exception {
        long[] spent = new long[buyers.length];
        long[] net = new long[merchants.size()];
        long fees = 0;
        for (Trade t : trades) {
            JsonNode view = api.get("/v1/trades/" + t.tradeNo());
            assertThat(view.path("status").asText()).as("trade %s (seed %d)", t.tradeNo(), seed)
                    .isEqualTo("TRADE_FINISHED");
            assertThat(Amounts.parse(view.path("released").asText(), cny)).isEqualTo(t.amount());
            spent[t.buyer()] += t.amount();
            long fee = TradeMoney.fee(t.amount(), 6_000);
            net[t.merchant()] += t.amount() - fee;
            fees += fee;
        }
        for (int i = 0; i < buyers.length; i++) {
            JsonNode user = api.get("/v1/users/" + buyers[i]);
            long wallet = user.path("wallet_account_id").asLong();
            long balance = Amounts.parse(api.get("/v1/accounts/" + wallet).path("balance").asText(), cny);
            assertThat(balance).as("buyer %d's wallet (seed %d)", buyers[i], seed).isEqualTo(funding - spent[i]);
        }
        // Settlement runs every second: wait until every merchant's money is settled, exactly once.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(progressBoundMs);
        long[] settled = new long[merchants.size()];
        while (true) {
            for (int i = 0; i < merchants.size(); i++) {
                settled[i] = Amounts.parse(api.get("/v1/accounts/" + merchants.get(i).settlementAccount())
                        .path("balance").asText(), cny);
            }
            if (java.util.Arrays.equals(settled, net) || System.nanoTime() > deadline) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertThat(settled).as("merchants' settled money (seed %d)", seed).containsExactly(net);
        JsonNode invariants = api.get("/v1/admin/invariants");
        assertThat(invariants.path("violations")).as("invariants (seed %d)", seed).isEmpty();
        assertThat(invariants.path("ok").asBoolean()).isTrue();
        System.out.printf("Escrow crash test: fees %s over %d trades%n", Amounts.format(fees, cny), trades.size());
    }

    private static void awaitProgress(AtomicLong confirmed, ConcurrentLinkedQueue<Throwable> failures, long trades,
                                      String when) throws InterruptedException {
        long target = confirmed.get() + trades;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(progressBoundMs);
        while (confirmed.get() < target && failures.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(failures).as("loader failures %s (seed %d)", when, seed).isEmpty();
        assertThat(confirmed.get()).as("load made progress %s (seed %d)", when, seed).isGreaterThanOrEqualTo(target);
    }
}
