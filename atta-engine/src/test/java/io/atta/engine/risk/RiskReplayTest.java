package io.atta.engine.risk;

import static io.atta.engine.risk.RiskShard.cny;
import static io.atta.engine.risk.RiskShard.secondNs;
import static io.atta.engine.risk.RiskShard.t0;
import static io.atta.engine.risk.RiskShard.user;
import static io.atta.engine.risk.RiskShard.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Currency;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.ClientContext;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.risk.DecideReview;
import io.atta.core.risk.DefaultRiskRules;
import io.atta.core.risk.PutRiskRules;
import io.atta.core.risk.RiskDecision;
import io.atta.core.risk.RiskRule;
import io.atta.core.risk.RuleKind;
import io.atta.core.risk.SetKycLevel;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Replicas agree on risk: a seeded log of payments from many devices, KYC levels, reviews decided
 * and timed out, with the rule set changed in the middle (a shadow set, then a stricter enforced
 * one), gives the same results, decisions and state hash on a second replica, on a replay of the
 * log, and on a replica restored from a snapshot taken mid-log.
 */
class RiskReplayTest {
    private static final int users = 12;
    private static final int batches = 400;

    /** The log: each batch's timestamp and encoded bytes. */
    private record Entry(long ts, byte[] bytes) {
    }

    private static Result[] apply(ShardLedger l, Entry e) {
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(e.bytes()));
        return l.apply(b.timestamp(), b.commands());
    }

    private static ShardLedger fresh(InMemoryTransferStore store) {
        return ShardLedger.standalone(store);
    }

    @Test
    void replicasAReplayAndARestoredSnapshotAgreeAfterARuleChangeMidLog() throws IOException {
        for (long seed : new long[] {1, 2, 3}) {
            check(seed);
        }
    }

    private void check(long seed) throws IOException {
        Random random = new Random(seed);
        InMemoryTransferStore storeA = new InMemoryTransferStore();
        ShardLedger a = fresh(storeA);
        List<Entry> log = new ArrayList<>();
        List<Result[]> results = new ArrayList<>();
        List<Long> payments = new ArrayList<>();
        long ts = t0;
        long nextId = 1;
        byte[] midSnapshot = null;
        InMemoryTransferStore midStore = null;
        int snapshotAfter = batches / 2 + 7;
        for (int b = 0; b < batches; b++) {
            List<Command> batch = new ArrayList<>();
            if (b == 0) {
                for (int i = 0; i < users; i++) {
                    batch.add(new CreateUser(user(i), wallet(i), cny, i + 1, 2, 3, 4));
                    batch.add(new CreateTransfer(id(nextId++), HouseAccount.bankFunding.id(0, Currency.CNY), wallet(i),
                            10_000_000, cny, 1, 0, 0, 0, 0, 0));
                }
                batch.add(DefaultRiskRules.of(1, false));
            } else if (b == batches / 3) {
                batch.add(new PutRiskRules(2, true, cny, DefaultRiskRules.windowsSeconds, 600, stricter(), 0));
            } else if (b == batches / 2) {
                batch.add(new PutRiskRules(3, false, cny, DefaultRiskRules.windowsSeconds, 600, stricter(), 0));
            }
            int n = 1 + random.nextInt(6);
            for (int k = 0; k < n; k++) {
                int roll = random.nextInt(100);
                if (roll < 80) {
                    int from = random.nextInt(users);
                    int to = (from + 1 + random.nextInt(users - 1)) % users;
                    long amount = 1 + (random.nextInt(10) == 0 ? random.nextInt(3_000_000) : random.nextInt(50_000));
                    ClientContext c = random.nextInt(5) == 0 ? null : new ClientContext(user(from),
                            1 + random.nextInt(4), 0, RiskShard.ipv4(10, random.nextInt(3), 0, random.nextInt(9)));
                    long id = id(nextId++);
                    payments.add(id);
                    batch.add(new CreateTransfer(id, wallet(from), wallet(to), amount, cny, 1, 0, 0, 0, 0, user(from),
                            c));
                } else if (roll < 85) {
                    batch.add(new SetKycLevel(user(random.nextInt(users)), random.nextInt(4), 0));
                } else if (roll < 95) {
                    List<DecisionRecord> open = a.module(RiskModule.class).openReviews();
                    if (!open.isEmpty()) {
                        batch.add(new DecideReview(open.get(random.nextInt(open.size())).transferId(),
                                random.nextBoolean(), 0));
                    }
                } else {
                    batch.add(Tick.instance);
                }
            }
            ts += (1 + random.nextInt(40)) * secondNs;
            Entry e = new Entry(ts, BatchCodec.encode(ts, batch));
            log.add(e);
            results.add(apply(a, e));
            if (b == snapshotAfter) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                LedgerSnapshot.write(a, new DataOutputStream(bytes));
                midSnapshot = bytes.toByteArray();
                midStore = storeA.copy();
            }
        }

        ShardLedger replica = fresh(new InMemoryTransferStore());
        for (int b = 0; b < log.size(); b++) {
            assertThat(apply(replica, log.get(b))).as("seed %d batch %d", seed, b).containsExactly(results.get(b));
        }
        ShardLedger restored = fresh(midStore);
        LedgerSnapshot.read(restored, new DataInputStream(new ByteArrayInputStream(midSnapshot)));
        for (int b = snapshotAfter + 1; b < log.size(); b++) {
            assertThat(apply(restored, log.get(b))).as("seed %d batch %d after the snapshot", seed, b)
                    .containsExactly(results.get(b));
        }

        assertThat(replica.stateHash()).as("seed %d", seed).isEqualTo(a.stateHash());
        assertThat(restored.stateHash()).as("seed %d", seed).isEqualTo(a.stateHash());
        RiskModule ra = a.module(RiskModule.class);
        int[] byDecision = new int[3];
        for (long id : payments) {
            DecisionRecord d = ra.decision(id);
            assertThat(replica.module(RiskModule.class).decision(id)).isEqualTo(d);
            assertThat(restored.module(RiskModule.class).decision(id)).isEqualTo(d);
            if (d != null) {
                byDecision[d.decision().code()]++;
            }
        }
        assertThat(java.util.Arrays.stream(byDecision).min().orElse(0)).as("seed %d: the log exercises every decision %s", seed, java.util.Arrays.toString(byDecision)).isPositive();
        assertThat(ra.enforcedRules().version()).isEqualTo(3);
    }

    private static long id(long n) {
        return io.atta.core.Ids.compose(0, io.atta.core.Ids.firstUserLocalId + 1_000_000 + n);
    }

    private static List<RiskRule> stricter() {
        List<RiskRule> rules = new ArrayList<>(DefaultRiskRules.rules());
        rules.add(new RiskRule(RuleKind.amount_limit, RiskDecision.review, "mid_log_limit", new long[] {20_000}));
        rules.add(new RiskRule(RuleKind.velocity, RiskDecision.deny, "mid_log_velocity", new long[] {60, 3, 0}));
        return rules;
    }
}
