package io.atta.engine.risk;

import static io.atta.engine.risk.RiskShard.secondNs;

import io.atta.core.command.ClientContext;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of labelled payments: everyday users paying their usual payees from their
 * usual devices (now and then someone new, a bigger sum, a new phone), among them three kinds of
 * fraud (docs/RISK.md, Fraud scenarios):
 * <ul>
 *   <li>account takeover: a victim's account used from a new device and network, paying new
 *       payees large sums in quick succession;</li>
 *   <li>card testing: a fresh account making many tiny payments to many payees within minutes;</li>
 *   <li>mule fan-out: an account that has just received money paying it on to many new payees.</li>
 * </ul>
 * Users {@code 0 … legitUsers-1} are everyday users; fraud uses users above them.
 */
final class FraudScenarios {
    enum Kind {
        legit, account_takeover, card_testing, mule_fan_out
    }

    /** One payment: when, the command, and what it really is (scenario -1 for everyday payments). */
    record Event(long ts, CreateTransfer transfer, Kind kind, int scenario, long amount) {
    }

    /** A user the generator makes, with its KYC level and when it was created (relative to the start, ns). */
    record Person(int index, int kycLevel, long createdBefore, long balance) {
    }

    static final int legitUsers = 150;
    static final int scenariosPerKind = 8;
    static final long durationNs = 36 * 3600 * secondNs;
    private static final long yuan = 100;

    final List<Person> people = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    private final Random random;
    private final long start;
    private final RiskShard shard;
    private int nextUser = legitUsers;
    private int scenario;

    FraudScenarios(long seed, long start, RiskShard shard) {
        this.random = new Random(seed);
        this.start = start;
        this.shard = shard;
        for (int i = 0; i < legitUsers; i++) {
            int kyc = random.nextInt(10) < 3 ? 0 : random.nextInt(10) < 7 ? 1 : 2;
            people.add(new Person(i, kyc, 30 * 86_400 * secondNs, 500_000 * yuan));
        }
        for (int i = 0; i < legitUsers; i++) {
            everyday(i);
        }
        for (int k = 0; k < scenariosPerKind; k++) {
            accountTakeover();
            cardTesting();
            muleFanOut();
        }
        events.sort((a, b) -> Long.compare(a.ts(), b.ts()));
    }

    private static long device(int user, int n) {
        return 1_000_000L * (user + 1) + n;
    }

    private static long home(int user) {
        return RiskShard.ipv4(10, user / 250, user % 250, 7);
    }

    private void pay(long ts, int from, int to, long amount, long device, long ip, Kind kind, int scenarioId) {
        CreateTransfer t = shard.pay(shard.nextId(), from, to, amount, new ClientContext(RiskShard.user(from), device,
                0, ip));
        events.add(new Event(ts, t, kind, scenarioId, amount));
    }

    /** An everyday user: about ten payments a day, mostly to a few usual payees, from its phone at home. */
    private void everyday(int u) {
        int[] usual = new int[3 + random.nextInt(3)];
        for (int k = 0; k < usual.length; k++) {
            usual[k] = (u + 1 + random.nextInt(legitUsers - 1)) % legitUsers;
        }
        // History before the measured time: the usual payees and the phone are known.
        for (int k = 0; k < usual.length; k++) {
            pay(start - (usual.length - k) * 3600 * secondNs, u, usual[k], 10 * yuan, device(u, 0), home(u), Kind.legit,
                    -1);
        }
        long ts = start + (long) (random.nextDouble() * 3600 * secondNs);
        long phone = device(u, 0);
        while (ts < start + durationNs) {
            boolean newPayee = random.nextInt(100) < 8;
            int to = newPayee ? (u + 1 + random.nextInt(legitUsers - 1)) % legitUsers : usual[random.nextInt(usual.length)];
            long amount = newPayee ? (1 + random.nextInt(300)) * yuan
                    : (long) (Math.exp(random.nextGaussian() * 1.2 + Math.log(60)) * yuan);
            if (!newPayee && people.get(u).kycLevel() > 0 && random.nextInt(50) == 0) {
                amount = (2_000 + random.nextInt(6_000)) * yuan;
            }
            amount = Math.max(1, Math.min(amount, 1_500 * yuan));
            if (random.nextInt(400) == 0) {
                phone = device(u, 1 + random.nextInt(9));
            }
            long ip = random.nextInt(20) == 0 ? RiskShard.ipv4(172, 16 + random.nextInt(16), random.nextInt(256), 9)
                    : home(u);
            pay(ts, u, to, amount, phone, ip, Kind.legit, -1);
            ts += (long) (-Math.log(1 - random.nextDouble()) * 2.4 * 3600 * secondNs);
        }
    }

    private int fraudster(int kyc, long createdBefore, long balance) {
        int u = nextUser++;
        people.add(new Person(u, kyc, createdBefore, balance));
        return u;
    }

    private long when() {
        return start + 3600 * secondNs + (long) (random.nextDouble() * (durationNs - 4 * 3600 * secondNs));
    }

    /** A victim's account from a new device and network: 3–6 large payments to new payees, a minute or two apart. */
    private void accountTakeover() {
        int id = scenario++;
        int victim = random.nextInt(legitUsers);
        long ts = when();
        long device = 9_000_000_000L + id;
        long ip = RiskShard.ipv4(100, 64 + random.nextInt(64), random.nextInt(256), 1);
        int n = 3 + random.nextInt(4);
        for (int k = 0; k < n; k++) {
            int mule = fraudster(1, 90 * 86_400 * secondNs, 0);
            pay(ts, victim, mule, (1_200 + random.nextInt(7_000)) * yuan, device, ip, Kind.account_takeover, id);
            ts += (30 + random.nextInt(120)) * secondNs;
        }
    }

    /** A fresh account (an hour old, KYC 0): 15–30 payments of ¥0.01–¥2 to different payees within minutes. */
    private void cardTesting() {
        int id = scenario++;
        int tester = fraudster(0, 3600 * secondNs, 1_000 * yuan);
        long ts = when();
        long device = 8_000_000_000L + id;
        long ip = RiskShard.ipv4(198, 51, 100, id % 250);
        int n = 15 + random.nextInt(16);
        for (int k = 0; k < n; k++) {
            pay(ts, tester, random.nextInt(legitUsers), 1 + random.nextInt(200), device, ip, Kind.card_testing, id);
            ts += (2 + random.nextInt(8)) * secondNs;
        }
    }

    /** An account (a week old, KYC 1) that just received ¥40,000: 8–12 payments of ¥1,500–¥3,000 to new payees. */
    private void muleFanOut() {
        int id = scenario++;
        int mule = fraudster(1, 7 * 86_400 * secondNs, 40_000 * yuan);
        long ts = when();
        long device = 7_000_000_000L + id;
        long ip = RiskShard.ipv4(203, 0, 113, id % 250);
        pay(start - 3 * 86_400 * secondNs + id, mule, random.nextInt(legitUsers), 5 * yuan, device, ip, Kind.legit, -1);
        int n = 8 + random.nextInt(5);
        for (int k = 0; k < n; k++) {
            pay(ts, mule, fraudster(1, 90 * 86_400 * secondNs, 0), (1_500 + random.nextInt(1_500)) * yuan, device, ip,
                    Kind.mule_fan_out, id);
            ts += (20 + random.nextInt(90)) * secondNs;
        }
    }

    /** Every payment's command, for the shard. */
    List<Command> commands() {
        List<Command> out = new ArrayList<>();
        for (Event e : events) {
            out.add(e.transfer());
        }
        return out;
    }
}
