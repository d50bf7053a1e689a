package io.atta.engine.differential;

import io.atta.core.AccountFlags;
import io.atta.core.Ids;
import io.atta.core.auth.Role;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.Command;
import io.atta.core.command.CreateKey;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.FinishTransaction;
import io.atta.core.command.PrepareTransaction;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.ReopenAccount;
import io.atta.core.command.ResolveTransaction;
import io.atta.core.command.Result;
import io.atta.core.command.RevokeKey;
import io.atta.core.gateway.CreateApp;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.ShardLedger;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The commands the seeded generators of the ledger and trade tests do not draw, mixed into
 * their batches for the differential corpus: cross-shard transactions (this shard coordinating,
 * and preparing for another), API keys, reopened accounts, gateway apps and delivery records of
 * merchant notifications. It aims at what the live ledger holds, so most of them do something;
 * some repeat, come late or name nothing.
 */
final class ExtraCommands {
    private final SplittableRandom rnd;
    private final int homeSlot;
    private final int foreignSlot;
    private final int otherShard;
    private final ShardLedger live;
    private final long[] merchants;
    private final List<Long> begun = new ArrayList<>();
    private final List<long[]> preparedHere = new ArrayList<>();
    private final List<Long> keys = new ArrayList<>();
    private long nextLocal;

    ExtraCommands(long seed, int shardId, int homeSlot, int foreignSlot, ShardLedger live, long[] merchants) {
        this.rnd = new SplittableRandom(seed);
        this.homeSlot = homeSlot;
        this.foreignSlot = foreignSlot;
        this.otherShard = (shardId + 1) % 64;
        this.live = live;
        this.merchants = merchants;
        this.nextLocal = Ids.firstUserLocalId + (1L << 40) + rnd.nextLong(1L << 30);
    }

    /** Zero to three commands to add to a batch applied at {@code now}. */
    List<Command> next(long now) {
        List<Command> out = new ArrayList<>();
        int n = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0;
        for (int i = 0; i < n; i++) {
            Command c = one(now);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private Command one(long now) {
        int p = rnd.nextInt(100);
        if (p < 22) {
            return begin();
        } else if (p < 36) {
            return decide();
        } else if (p < 44) {
            return begun.isEmpty() ? null : new FinishTransaction(pick(begun));
        } else if (p < 56) {
            return prepare();
        } else if (p < 66) {
            return resolve();
        } else if (p < 76) {
            return createKey(now);
        } else if (p < 81) {
            return keys.isEmpty() ? null : new RevokeKey(rnd.nextInt(5) == 0 ? fresh() : pick(keys),
                    rnd.nextBoolean() ? 0 : now + rnd.nextLong(10_000_000_000L));
        } else if (p < 89) {
            return closeOrReopen();
        } else if (p < 94) {
            if (merchants.length == 0) {
                return null;
            }
            long m = merchants[rnd.nextInt(merchants.length)];
            long appId = rnd.nextInt(6) == 0 ? Ids.compose(foreignSlot, nextLocal++) : Ids.compose(Ids.slotOf(m), nextLocal++);
            return new CreateApp(appId, rnd.nextInt(8) == 0 ? fresh() : m, "app " + appId % 100, "MIIB" + appId);
        }
        List<Long> due = dueSeqs();
        long seq = due.isEmpty() || rnd.nextInt(8) == 0 ? rnd.nextLong(50) : due.get(rnd.nextInt(due.size()));
        RecordDelivery.Outcome o = RecordDelivery.Outcome.values()[rnd.nextInt(3)];
        return new RecordDelivery(seq, o, o == RecordDelivery.Outcome.retry ? now + rnd.nextLong(60_000_000_000L) : 0);
    }

    /**
     * The numbers of the first 8 notifications due, webhooks and the gateway's together, as the
     * one outbox of the shard the corpus was recorded with listed them.
     */
    private List<Long> dueSeqs() {
        record Due(long at, long seq) {
        }
        List<Due> due = new ArrayList<>();
        live.trades().notificationsDue(Long.MAX_VALUE, 8).forEach(n -> due.add(new Due(n.nextAttemptAt(), n.seq())));
        live.gateway().notificationsDue(Long.MAX_VALUE, 8).forEach(g -> due.add(new Due(g.nextAttemptAt(), g.seq())));
        due.sort(java.util.Comparator.comparingLong(Due::at).thenComparingLong(Due::seq));
        return due.stream().limit(8).map(Due::seq).toList();
    }

    private long fresh() {
        return Ids.compose(homeSlot, nextLocal++);
    }

    private long pick(List<Long> ids) {
        return ids.get(rnd.nextInt(ids.size()));
    }

    /** A local account of the shard's users (not a house account), or null when there is none yet. */
    private AccountState account() {
        List<AccountState> all = live.accounts();
        all.removeIf(a -> a.ownerUserId() == 0);
        all.sort((x, y) -> Long.compare(x.id(), y.id()));
        return all.isEmpty() ? null : all.get(rnd.nextInt(all.size()));
    }

    /** An idle account closed by its owner, or a closed one reopened by the operator. */
    private Command closeOrReopen() {
        List<AccountState> idle = live.accounts();
        idle.removeIf(a -> a.ownerUserId() == 0 || a.debitsPending() != 0 || a.creditsPending() != 0
                || a.balance() != 0);
        idle.sort((x, y) -> Long.compare(x.id(), y.id()));
        if (idle.isEmpty()) {
            return null;
        }
        AccountState a = idle.get(rnd.nextInt(idle.size()));
        if ((a.flags() & AccountFlags.closed) != 0 || rnd.nextInt(8) == 0) {
            return new ReopenAccount(a.id());
        }
        return new CloseAccount(a.id(), rnd.nextInt(6) == 0 ? 0 : a.ownerUserId());
    }

    private CreateTransfer leg(long id, long debit, long credit, int ledger) {
        long amount = rnd.nextInt(10) == 0 ? 1_000_000_000L : 1 + rnd.nextInt(300);
        return new CreateTransfer(id, debit, credit, amount, ledger, 7, 0, 0, 0, rnd.nextInt(3), 0);
    }

    private Command begin() {
        AccountState a = account();
        if (a == null) {
            return null;
        }
        int legs = 1 + rnd.nextInt(2);
        CreateTransfer[] out = new CreateTransfer[legs];
        for (int i = 0; i < legs; i++) {
            long id = i == 0 && rnd.nextInt(10) == 0 && !begun.isEmpty() ? pick(begun) : fresh();
            out[i] = leg(id, a.id(), Ids.compose(foreignSlot, nextLocal++), rnd.nextInt(12) == 0 ? 999 : a.ledger());
        }
        begun.add(out[0].id());
        return new BeginTransaction(out[0].id(), 1L << otherShard, out);
    }

    private Command decide() {
        long tx = begun.isEmpty() || rnd.nextInt(10) == 0 ? fresh() : pick(begun);
        return rnd.nextInt(4) == 0 ? new DecideTransaction(tx, false, Result.exceeds_debits, 0)
                : new DecideTransaction(tx, true, Result.ok, -1);
    }

    private Command prepare() {
        AccountState a = account();
        if (a == null) {
            return null;
        }
        if (!preparedHere.isEmpty() && rnd.nextInt(6) == 0) {
            long[] again = preparedHere.get(rnd.nextInt(preparedHere.size()));
            return new PrepareTransaction((int) again[0], again[1], new CreateTransfer[] {
                leg(again[1], Ids.compose(foreignSlot, again[2]), a.id(), a.ledger())});
        }
        long foreignAccount = nextLocal++;
        long tx = Ids.compose(foreignSlot, nextLocal++);
        boolean debitHere = rnd.nextInt(3) == 0;
        CreateTransfer t = debitHere ? leg(tx, a.id(), Ids.compose(foreignSlot, foreignAccount), a.ledger())
                : leg(tx, Ids.compose(foreignSlot, foreignAccount), a.id(), a.ledger());
        preparedHere.add(new long[] {otherShard, tx, foreignAccount});
        return new PrepareTransaction(otherShard, tx, new CreateTransfer[] {t});
    }

    private Command resolve() {
        if (preparedHere.isEmpty()) {
            return null;
        }
        long[] p = preparedHere.get(rnd.nextInt(preparedHere.size()));
        return new ResolveTransaction((int) p[0], p[1], rnd.nextInt(3) != 0);
    }

    private Command createKey(long now) {
        if (!keys.isEmpty() && rnd.nextInt(8) == 0) {
            long id = pick(keys);
            return new CreateKey(id, Role.user, 0, 0, id, 2, 3, 4, "again", 0);
        }
        AccountState a = account();
        long owner = a == null ? 0 : a.ownerUserId();
        Role role = Role.values()[rnd.nextInt(Role.values().length)];
        if (role == Role.merchant && merchants.length > 0) {
            owner = merchants[rnd.nextInt(merchants.length)];
        } else if (role == Role.admin) {
            owner = rnd.nextInt(5) == 0 ? owner : 0;
        }
        int slot = role == Role.admin ? homeSlot : Ids.slotOf(owner == 0 ? Ids.compose(homeSlot, 1) : owner);
        long id = Ids.compose(rnd.nextInt(10) == 0 ? foreignSlot : slot, nextLocal++);
        keys.add(id);
        long expires = rnd.nextInt(4) == 0 ? now + rnd.nextLong(100_000_000_000L) : 0;
        return new CreateKey(id, role, owner, expires, id, rnd.nextLong(), rnd.nextLong(), rnd.nextLong(),
                "key " + keys.size(), rnd.nextBoolean() ? 0 : pick(keys));
    }
}
