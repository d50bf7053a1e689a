package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.engine.channel.ChannelAccounts;
import io.atta.engine.ledger.HouseAccount;
import io.atta.server.ChannelCalls.NewChannel;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.atta.server.ApiFixture.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody but a channel brings money in. Seeded random calls from user and merchant keys only —
 * top-ups and withdrawals they may not make, accounts with any flags, transfers from their own
 * and others' accounts and the platform's (linked chains, pending, post, void), P2P payments,
 * trades and every trade action, refunds, withdrawal requests, closing accounts — interleaved
 * with the test's channel depositing and answering withdrawals, and the test clock moving. At the
 * end every open trade is driven to its end and settlement sweeps; then the money users and
 * merchants hold must equal what the channel deposited less what it confirmed paying out, and
 * the ledger's invariants must hold. Each seed prints itself; {@code -Datta.adversarial.seeds=1,2}
 * replays chosen ones.
 */
class AdversarialModelTest {
    private static final long[] defaultSeeds = {13, 1_337, 20_261_207};
    /** Random calls per seed. */
    private static final int stepsPerSeed = 400;
    private static final int users = 5;
    private static final int merchants = 2;

    @Test
    void noCallFromAUserOrMerchantCreatesMoney(@TempDir Path dir) {
        for (long seed : seeds()) {
            System.out.println("AdversarialModelTest seed " + seed);
            new Run(seed, dir.resolve("seed-" + seed)).play();
        }
    }

    private static long[] seeds() {
        String given = System.getProperty("atta.adversarial.seeds");
        if (given == null || given.isBlank()) {
            return defaultSeeds;
        }
        String[] parts = given.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i].trim());
        }
        return out;
    }

    /** A user or merchant as the test knows it: its key and every account it was answered. */
    private record Actor(String id, String key, String wallet, List<String> accounts, boolean merchant) {
    }

    private record Trade(String tradeNo, Actor seller, Actor buyer, List<String> refunds) {
    }

    /** One seed's world: a fresh two-shard node on the test clock, its actors, and what the channel did. */
    private static final class Run {
        private final long seed;
        private final Path dir;
        private final Random random;
        private final List<Actor> actors = new ArrayList<>();
        private final List<Trade> trades = new ArrayList<>();
        private final List<String> withdrawals = new ArrayList<>();
        private final List<String> pendingTransfers = new ArrayList<>();
        private final List<String> depositRefs = new ArrayList<>();
        private final List<String> platformAccounts = new ArrayList<>();
        private ApiFixture f;
        private ChannelCalls channel;
        private NewChannel bank;
        private BigDecimal deposited = BigDecimal.ZERO;
        private BigDecimal paidOut = BigDecimal.ZERO;
        private int sequence;

        Run(long seed, Path dir) {
            this.seed = seed;
            this.dir = dir;
            this.random = new Random(seed);
        }

        void play() {
            f = ApiFixture.onTestClockNode(dir, 2, 3_600);
            try {
                setUp();
                for (int step = 0; step < stepsPerSeed; step++) {
                    step();
                }
                driveToTheEnd();
                assertNoMoneyCreated();
            } finally {
                f.close();
            }
        }

        private void setUp() {
            channel = new ChannelCalls(f.api);
            bank = channel.create("Adversary Bank " + seed, "CNY");
            for (int i = 0; i < users; i++) {
                ApiFixture.NewUser u = f.createUser("CNY");
                actors.add(new Actor(u.id(), u.token(), u.wallet(), new ArrayList<>(List.of(u.wallet())), false));
            }
            for (int i = 0; i < merchants; i++) {
                Reply r = f.api.post("/v1/merchants", adminKey, "{\"name\":\"Shop " + i + "\",\"fee_rate\":\"0\"}");
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                JsonNode b = r.body();
                actors.add(new Actor(b.get("merchant_id").asText(), b.get("api_key").asText(),
                        b.get("wallet_account_id").asText(), new ArrayList<>(List.of(b.get("wallet_account_id").asText(),
                        b.get("settlement_account_id").asText())), true));
            }
            for (int shard = 0; shard < f.service.shardCount(); shard++) {
                int home = f.service.homeSlotOf(shard);
                for (HouseAccount h : HouseAccount.values()) {
                    platformAccounts.add(Long.toString(h.id(home, Currency.CNY)));
                }
                platformAccounts.add(Long.toString(ChannelAccounts.clearingId(Long.parseLong(bank.id()), home)));
            }
            for (Actor a : actors) {
                deposit(a, amount(50_000, 200_000));
            }
        }

        private String ref() {
            return "s" + seed + "-" + (++sequence);
        }

        private Actor anyActor() {
            return actors.get(random.nextInt(actors.size()));
        }

        private Actor anyMerchant() {
            return actors.get(users + random.nextInt(merchants));
        }

        /** An amount in CNY between the two numbers of fen, as the API writes it. */
        private String amount(int minFen, int maxFen) {
            return BigDecimal.valueOf(minFen + random.nextInt(maxFen - minFen + 1), 2).toPlainString();
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        /** Any call: whatever it answers, it is never a server error. */
        private Reply checked(Reply r, String what) {
            assertThat(r.status()).as("seed " + seed + ": " + what + " → " + r).isLessThan(500);
            return r;
        }

        private Reply post(String key, String path, String body) {
            return checked(f.api.post(path, key, body), "POST " + path + " " + body);
        }

        // ---- the test's channel ----

        private void deposit(Actor to, String amount) {
            String ref = random.nextInt(8) == 0 && !depositRefs.isEmpty() ? pick(depositRefs) : ref();
            Reply r = checked(channel.deposit(bank.key(), bank.id(), to.id(), amount, ref), "deposit");
            if (r.status() == 201) {
                deposited = deposited.add(new BigDecimal(amount));
                depositRefs.add(ref);
            }
        }

        private void answerWithdrawal(String id, boolean confirm) {
            Reply r = checked(confirm ? channel.confirm(bank.key(), id, ref()) : channel.fail(bank.key(), id, null),
                    "answer " + id);
            if (confirm && r.status() == 200 && r.body().get("result").asText().equals("ok")) {
                paidOut = paidOut.add(new BigDecimal(r.body().get("amount").asText()));
            }
        }

        // ---- one random step ----

        private void step() {
            int kind = random.nextInt(100);
            Actor me = anyActor();
            if (kind < 6) {
                deposit(anyActor(), amount(1, 50_000));
            } else if (kind < 12) {
                if (!withdrawals.isEmpty()) {
                    answerWithdrawal(pick(withdrawals), random.nextBoolean());
                }
            } else if (kind < 15) {
                checked(f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":"
                        + (1 + random.nextInt(3 * 86_400)) + "}"), "advance");
            } else if (kind < 23) {
                requestWithdrawal(me);
            } else if (kind < 27) {
                mintAttempt(me);
            } else if (kind < 33) {
                createAccount(me);
            } else if (kind < 50) {
                transfer(me);
            } else if (kind < 58) {
                Actor to = anyActor();
                Actor from = random.nextInt(5) == 0 ? anyActor() : me;
                post(me.key(), "/v1/payments/p2p", "{\"from_user_id\":\"" + from.id() + "\",\"to_user_id\":\""
                        + to.id() + "\",\"amount\":\"" + amount(1, 80_000) + "\",\"currency\":\"CNY\",\"request_id\":\""
                        + ref() + "\"}");
            } else if (kind < 66) {
                createTrade(anyMerchant());
            } else if (kind < 95) {
                if (!trades.isEmpty()) {
                    tradeAction(me, pick(trades));
                }
            } else {
                String account = random.nextInt(3) == 0 ? pick(anyActor().accounts()) : pick(me.accounts());
                post(me.key(), "/v1/accounts/" + account + "/close", "");
            }
        }

        private void requestWithdrawal(Actor me) {
            Actor whose = random.nextInt(6) == 0 ? anyActor() : me;
            Integer timeout = random.nextBoolean() ? null : 1 + random.nextInt(2 * 86_400);
            Reply r = checked(channel.withdraw(me.key(), whose.id(), bank.id(), amount(1, 150_000), ref(), timeout),
                    "withdraw");
            if (r.status() == 202) {
                withdrawals.add(r.body().get("withdrawal_id").asText());
            }
        }

        /** The ways a user might try to make money appear or leave: each must be refused. */
        private void mintAttempt(Actor me) {
            String body = "{\"amount\":\"" + amount(1, 900_000) + "\",\"currency\":\"CNY\",\"request_id\":\"" + ref()
                    + "\"}";
            Reply r = switch (random.nextInt(5)) {
                case 0 -> post(me.key(), "/v1/users/" + me.id() + "/topup", body);
                case 1 -> post(me.key(), "/v1/users/" + me.id() + "/withdraw", body);
                case 2 -> channel.deposit(me.key(), bank.id(), me.id(), amount(1, 900_000), ref());
                case 3 -> withdrawals.isEmpty() ? post(me.key(), "/v1/users/" + me.id() + "/topup", body)
                        : channel.confirm(me.key(), pick(withdrawals), ref());
                default -> withdrawals.isEmpty() ? post(me.key(), "/v1/users/" + me.id() + "/withdraw", body)
                        : channel.fail(me.key(), pick(withdrawals), null);
            };
            assertThat(r.status()).as("seed " + seed + ": a " + (me.merchant() ? "merchant" : "user")
                    + " key moved money in or out: " + r).isEqualTo(403);
        }

        private void createAccount(Actor me) {
            Actor owner = random.nextInt(5) == 0 ? anyActor() : me;
            String[] flags = {"", "\"debits_must_not_exceed_credits\"", "\"credits_must_not_exceed_debits\"",
                    "\"history\"", "\"debits_must_not_exceed_credits\",\"history\""};
            String body = "{\"accounts\":[{\"user_id\":\"" + owner.id() + "\",\"currency\":\"CNY\",\"flags\":["
                    + flags[random.nextInt(flags.length)] + "]}]}";
            Reply r = post(me.key(), "/v1/accounts", body);
            if (r.status() == 200 && r.body().at("/results/0/result").asText().equals("ok")) {
                owner.accounts().add(r.body().at("/results/0/id").asText());
            }
        }

        /** Any account an attacker might take money from: its own, another's, the platform's. */
        private String anyAccount(Actor me) {
            int where = random.nextInt(10);
            if (where < 5) {
                return pick(me.accounts());
            }
            return where < 8 ? pick(anyActor().accounts()) : pick(platformAccounts);
        }

        /**
         * An account money may be sent to: a user's or merchant's. (Money a user gives to a
         * platform account is not created, only given away; leaving that out keeps the final sum
         * exact, so that the test sees every fen that was created.)
         */
        private String anyHolderAccount(Actor me) {
            return random.nextBoolean() ? pick(me.accounts()) : pick(anyActor().accounts());
        }

        private String transferItem(Actor me, String flags, String pendingId) {
            String debit = anyAccount(me);
            long id = Ids.compose(Ids.slotOf(Long.parseLong(debit)),
                    Ids.firstUserLocalId + (random.nextLong() & (Ids.platformLocalBit - 1)) % (Ids.platformLocalBit
                            - Ids.firstUserLocalId));
            String extra = "\"flags\":[" + flags + "]" + (pendingId == null ? "" : ",\"pending_id\":\"" + pendingId
                    + "\"") + (flags.contains("\"pending\"") && random.nextBoolean() ? ",\"timeout_seconds\":"
                    + (1 + random.nextInt(86_400)) : "");
            if (flags.contains("pending\"") && !flags.contains("\"pending\"")) {
                // Post or void: the accounts are the pending transfer's, named or not.
                return "{\"id\":\"" + id + "\",\"debit_account_id\":\"" + debit + "\",\"credit_account_id\":\""
                        + anyHolderAccount(me) + "\",\"amount\":\"" + amount(0, 30_000) + "\",\"currency\":\"CNY\"," + extra
                        + "}";
            }
            String item = ApiFixture.transfer(id, debit, anyHolderAccount(me), amount(1, 90_000), extra);
            if (flags.contains("\"pending\"")) {
                pendingTransfers.add(Long.toString(id));
            }
            return item;
        }

        private void transfer(Actor me) {
            int shape = random.nextInt(6);
            String body;
            if (shape == 0 && !pendingTransfers.isEmpty()) {
                String op = random.nextBoolean() ? "\"post_pending\"" : "\"void_pending\"";
                body = ApiFixture.batch(transferItem(me, op, pick(pendingTransfers)));
            } else if (shape == 1) {
                body = ApiFixture.batch(transferItem(me, "\"linked\"", null), transferItem(me, "", null));
            } else if (shape == 2) {
                body = ApiFixture.batch(transferItem(me, "\"linked\"", null), transferItem(me, "\"linked\"", null),
                        transferItem(me, "", null));
            } else if (shape == 3) {
                body = ApiFixture.batch(transferItem(me, "\"pending\"", null));
            } else {
                body = ApiFixture.batch(transferItem(me, "", null));
            }
            post(me.key(), "/v1/transfers", body);
        }

        private void createTrade(Actor seller) {
            Actor buyer = random.nextInt(4) == 0 ? null : random.nextInt(8) == 0 ? seller : anyActor();
            String[] goods = {"physical", "surface_mail", "virtual", "auto_delivery"};
            String body = "{\"out_trade_no\":\"" + ref() + "\",\"seller\":\"" + seller.id() + "\",\"amount\":\""
                    + amount(1, 60_000) + "\",\"currency\":\"CNY\",\"subject\":\"Tea\",\"goods_type\":\""
                    + goods[random.nextInt(goods.length)] + "\"" + (buyer == null ? "" : ",\"buyer_user_id\":\""
                    + buyer.id() + "\"") + "}";
            Reply r = post(seller.key(), "/v1/trades", body);
            if (r.status() == 201) {
                trades.add(new Trade(r.body().get("trade_no").asText(), seller, buyer, new ArrayList<>()));
            }
        }

        private void tradeAction(Actor me, Trade t) {
            String path = "/v1/trades/" + t.tradeNo();
            // Mostly the right party, sometimes anyone.
            Actor seller = random.nextInt(6) == 0 ? me : t.seller();
            Actor buyer = random.nextInt(6) == 0 || t.buyer() == null ? me : t.buyer();
            switch (random.nextInt(11)) {
                case 0, 1 -> post(buyer.key(), path + "/pay", "");
                case 2 -> post(seller.key(), path + "/ship", "{\"carrier\":\"SF\",\"tracking_no\":\"" + ref() + "\"}");
                case 3 -> post(buyer.key(), path + "/confirm", "");
                case 4 -> post(seller.key(), path + "/close", "{\"reason\":\"out of stock\"}");
                case 5 -> post(seller.key(), path + "/extend-confirm", "{\"seconds\":" + (1 + random.nextInt(86_400))
                        + "}");
                case 6 -> {
                    Reply r = post(buyer.key(), path + "/refunds", "{\"out_request_no\":\"" + ref() + "\",\"amount\":\""
                            + amount(1, 60_000) + "\",\"reason\":\"broken\"}");
                    if (r.status() == 200) {
                        for (JsonNode refund : r.body().get("refunds")) {
                            t.refunds().add(refund.get("refund_id").asText());
                        }
                    }
                }
                case 7 -> refundAnswer(seller, path, "agree", "");
                case 8 -> refundAnswer(seller, path, "reject", "{\"reason\":\"used\"}");
                case 9 -> refundAnswer(buyer, path, "cancel", "");
                default -> {
                    if (!t.refunds().isEmpty()) {
                        post(buyer.key(), path + "/disputes", "{\"refund_id\":\"" + pick(t.refunds())
                                + "\",\"reason\":\"unfair\"}");
                    }
                }
            }
        }

        private void refundAnswer(Actor who, String tradePath, String answer, String body) {
            Trade any = trades.get(random.nextInt(trades.size()));
            List<String> ids = any.refunds();
            if (!ids.isEmpty()) {
                post(who.key(), tradePath + "/refunds/" + pick(ids) + "/" + answer, body);
            }
        }

        // ---- the end ----

        /**
         * The channel answers what is still pending; an operator decides open disputes (only an
         * operator may); the clock moves past every pay deadline, refund answer time and
         * automatic confirmation, with settlement sweeping on the way.
         */
        private void driveToTheEnd() {
            Reply pending = f.api.get("/v1/channels/" + bank.id() + "/withdrawals?status=pending&limit=1000",
                    bank.key());
            assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
            for (JsonNode w : pending.body().get("withdrawals")) {
                answerWithdrawal(w.get("withdrawal_id").asText(), random.nextBoolean());
            }
            for (int round = 0; round < 3; round++) {
                for (Trade t : trades) {
                    Reply r = f.api.get("/v1/trades/" + t.tradeNo(), adminKey);
                    for (JsonNode refund : r.body().path("refunds")) {
                        if (refund.get("status").asText().equals("disputed")) {
                            post(adminKey, "/v1/trades/" + t.tradeNo() + "/disputes/" + refund.get("refund_id").asText()
                                    + "/decide", "{\"outcome\":\"" + (random.nextBoolean() ? "refund" : "reject")
                                    + "\"}");
                        }
                    }
                }
                for (int i = 0; i < 4; i++) {
                    checked(f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":" + 20 * 86_400 + "}"),
                            "advance");
                }
            }
        }

        private BigDecimal heldByUsersAndMerchants() {
            BigDecimal sum = BigDecimal.ZERO;
            for (Actor a : actors) {
                for (String account : a.accounts()) {
                    sum = sum.add(new BigDecimal(f.account(account).get("balance").asText()));
                }
            }
            return sum;
        }

        private void assertNoMoneyCreated() {
            BigDecimal expected = deposited.subtract(paidOut);
            // Settlement's last sweeps are cross-shard transactions: give them a bounded moment.
            long deadline = System.nanoTime() + 10_000_000_000L;
            BigDecimal held = heldByUsersAndMerchants();
            while (held.compareTo(expected) != 0 && System.nanoTime() < deadline) {
                checked(f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":3600}"), "advance");
                held = heldByUsersAndMerchants();
            }
            assertThat(held).as("seed " + seed + ": users and merchants hold deposits " + deposited
                    + " less confirmed withdrawals " + paidOut).isEqualByComparingTo(expected);
            Reply invariants = f.api.get("/v1/admin/invariants", adminKey);
            assertThat(invariants.body().get("ok").asBoolean()).as("seed " + seed + ": " + invariants).isTrue();
        }
    }
}
