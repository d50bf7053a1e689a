package io.atta.engine.risk;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.ClientContext;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.core.risk.PutRiskRules;
import io.atta.core.risk.RiskDecision;
import io.atta.core.risk.RiskRule;
import io.atta.core.risk.RuleKind;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;

import java.nio.ByteBuffer;
import java.util.List;

/** A standalone shard fed through the build's codec, with users, payments from devices and rule sets. */
final class RiskShard {
    static final int cny = Currency.CNY.ledger();
    static final long secondNs = 1_000_000_000L;
    /** A day boundary (UTC), so every bucket of every window starts here. */
    static final long t0 = 19_676L * 86_400 * secondNs;
    static final long[] windows = {60, 3600, 86_400};
    static final int holdSeconds = 3600;

    final ShardLedger ledger;
    private long nextId = 1;

    RiskShard() {
        this(new InMemoryTransferStore());
    }

    RiskShard(InMemoryTransferStore store) {
        this.ledger = ShardLedger.standalone(store);
    }

    static long user(int i) {
        return Ids.compose(0, Ids.firstUserLocalId + 2L * i);
    }

    static long wallet(int i) {
        return user(i) + 1;
    }

    /** An IPv4 address as risk control keeps it (IPv4-mapped IPv6). */
    static long ipv4(int a, int b, int c, int d) {
        return 0xFFFF_0000_0000L | (long) a << 24 | (long) b << 16 | (long) c << 8 | d;
    }

    static ClientContext device(int user, long deviceHash, long ipv4) {
        return new ClientContext(user(user), deviceHash, 0, ipv4);
    }

    Result[] apply(long ts, Command... commands) {
        BatchCodec.Batch b = BatchCodec.decode(ByteBuffer.wrap(BatchCodec.encode(ts, List.of(commands))));
        return ledger.apply(b.timestamp(), b.commands());
    }

    Result one(long ts, Command c) {
        return apply(ts, c)[0];
    }

    /** Users 0..n-1 with {@code money} each in their wallets, created at {@code ts}. */
    void users(long ts, int n, long money) {
        for (int i = 0; i < n; i++) {
            Result[] r = apply(ts + i, new CreateUser(user(i), wallet(i), cny, i + 1, 2, 3, 4),
                    new CreateTransfer(nextId(), HouseAccount.bankFunding.id(0, Currency.CNY), wallet(i), money, cny, 1,
                            0, 0, 0, 0, 0));
            if (r[0] != Result.ok || r[1] != Result.ok) {
                throw new IllegalStateException("user " + i + ": " + r[0] + ", " + r[1]);
            }
        }
    }

    long nextId() {
        return Ids.compose(0, Ids.firstUserLocalId + 1_000_000 + nextId++);
    }

    /** A payment from user {@code from}'s key, without a device. */
    CreateTransfer pay(long id, int from, int to, long amount) {
        return new CreateTransfer(id, wallet(from), wallet(to), amount, cny, 1, 0, 0, 0, 0, user(from));
    }

    /** A payment from user {@code from}'s key on a device. */
    CreateTransfer pay(long id, int from, int to, long amount, ClientContext context) {
        return new CreateTransfer(id, wallet(from), wallet(to), amount, cny, 1, 0, 0, 0, 0, user(from), context);
    }

    /** Pays now and answers the result. */
    Result pays(long ts, int from, int to, long amount) {
        return one(ts, pay(nextId(), from, to, amount));
    }

    Result pays(long ts, int from, int to, long amount, ClientContext context) {
        return one(ts, pay(nextId(), from, to, amount, context));
    }

    /** The user's posts: debits posted, and debits pending. */
    long balance(int i) {
        AccountState a = ledger.account(wallet(i));
        return a.creditsPosted() - a.debitsPosted() - a.debitsPending();
    }

    long pending(int i) {
        return ledger.account(wallet(i)).debitsPending();
    }

    RiskModule risk() {
        return ledger.module(RiskModule.class);
    }

    static PutRiskRules enforce(long version, RiskRule... rules) {
        return new PutRiskRules(version, false, cny, windows, holdSeconds, List.of(rules), 0);
    }

    static PutRiskRules shadow(long version, RiskRule... rules) {
        return new PutRiskRules(version, true, cny, windows, holdSeconds, List.of(rules), 0);
    }

    static RiskRule rule(RuleKind kind, RiskDecision decision, String reason, long... params) {
        return new RiskRule(kind, decision, reason, params);
    }

    static CreateTransfer post(long id, long pendingId, int by) {
        return new CreateTransfer(id, 0, 0, 0, 0, 0, TransferFlags.postPending, pendingId, 0, 0, user(by));
    }

    static Tick tick() {
        return Tick.instance;
    }
}
