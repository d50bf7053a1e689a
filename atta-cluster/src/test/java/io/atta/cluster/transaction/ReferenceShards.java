package io.atta.cluster.transaction;

import io.atta.cluster.Routing;
import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.engine.ledger.HouseAccount;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately naive reference for {@link MultiShardModelTest}, written from docs/API.md and
 * docs/TRANSACTIONS.md rather than from the engine: posted balances in a map, a chain applied
 * with an undo list, and a cross-shard transfer or chain decided in one call — each shard's
 * pieces checked in leg order against what its earlier pieces reserved, the coordinator's
 * refusal first, else the participants' lowest refused leg — then applied all at once. When two
 * participants refuse the same leg (its debit's shard and its credit's), either reason may be
 * the answer: the protocol does not say which vote counts first.
 *
 * <p>It covers what the workload sends: users, accounts, closing, plain and linked transfers on
 * one shard, and cross-shard transfers and chains. It knows nothing of time: the workload never
 * lets two unanswered requests touch the same user account, so every answer depends only on
 * what was answered before, and the model applies each request when it is sent.
 */
final class ReferenceShards {
    /** An account's fields that answers depend on, and its posted balances (nothing stays pending). */
    static final class Account {
        final long id;
        final long owner;
        final int ledger;
        final int code;
        final int flags;
        final long userData;
        boolean closed;
        long debits;
        long credits;

        Account(long id, long owner, int ledger, int code, int flags, long userData) {
            this.id = id;
            this.owner = owner;
            this.ledger = ledger;
            this.code = code;
            this.flags = flags;
            this.userData = userData;
        }

        boolean limited() {
            return (flags & AccountFlags.debitsMustNotExceedCredits) != 0;
        }

        long balance() {
            return credits - debits;
        }
    }

    /** A leg's piece recorded on a shard: any later transfer with its id collides with it. */
    private record Piece(CreateTransfer leg) {
    }

    /** The first refused leg of a shard's pieces, or null for a yes vote. */
    private record Refusal(int leg, Result reason) {
    }

    static final Currency[] currencies = {Currency.CNY, Currency.USD};

    private final Routing routing;
    final Map<Long, Account> accounts = new HashMap<>();
    final Map<Long, Long> users = new HashMap<>();
    private final List<Map<Long, Object>> records = new ArrayList<>();
    private final List<Map<Long, Expectation.Decided>> decided = new ArrayList<>();
    /** Fresh decisions on transactions, for the test's report of what the runs reached. */
    int commits;
    int participantAborts;
    int coordinatorRefusals;
    /** Aborts where two participants refused the same leg: either reason may be the answer. */
    int ties;

    ReferenceShards(Routing routing) {
        this.routing = routing;
        for (int s = 0; s < routing.shards(); s++) {
            records.add(new HashMap<>());
            decided.add(new HashMap<>());
            for (Currency c : currencies) {
                addHouse(bank(s, c), c);
                addHouse(inTransit(s, c), c);
            }
        }
    }

    private void addHouse(long id, Currency c) {
        accounts.put(id, new Account(id, 0, c.ledger(), HouseAccount.accountCode, AccountFlags.history, 0));
    }

    long bank(int shard, Currency c) {
        return HouseAccount.bankFunding.id(routing.homeSlot(shard), c);
    }

    long inTransit(int shard, Currency c) {
        return HouseAccount.inTransit.id(routing.homeSlot(shard), c);
    }

    int shardOf(long id) {
        return routing.shardOf(id);
    }

    /** Applies commands sent to one shard as one submission, as the shard would. */
    Result[] submit(int shard, Command[] commands) {
        Result[] out = new Result[commands.length];
        int i = 0;
        while (i < commands.length) {
            if (commands[i] instanceof CreateTransfer t && (t.flags() & TransferFlags.linked) != 0) {
                i = chain(shard, commands, i, out);
            } else {
                out[i] = one(shard, commands[i]);
                i++;
            }
        }
        return out;
    }

    private int chain(int shard, Command[] commands, int start, Result[] out) {
        int end = start;
        while ((((CreateTransfer) commands[end]).flags() & TransferFlags.linked) != 0) {
            end++;
        }
        List<Runnable> undo = new ArrayList<>();
        for (int k = start; k <= end; k++) {
            Result r = transfer(shard, (CreateTransfer) commands[k], undo);
            if (r != Result.ok) {
                for (int u = undo.size() - 1; u >= 0; u--) {
                    undo.get(u).run();
                }
                Arrays.fill(out, start, end + 1, Result.linked_event_failed);
                out[k] = r;
                return end + 1;
            }
        }
        Arrays.fill(out, start, end + 1, Result.ok);
        return end + 1;
    }

    private Result one(int shard, Command c) {
        if (c instanceof CreateTransfer t) {
            return transfer(shard, t, new ArrayList<>());
        } else if (c instanceof CreateUser u) {
            if (users.containsKey(u.userId())) {
                return Result.user_exists;
            }
            if (accounts.containsKey(u.walletAccountId())) {
                return Result.exists_with_different_fields;
            }
            users.put(u.userId(), u.walletAccountId());
            accounts.put(u.walletAccountId(), new Account(u.walletAccountId(), u.userId(), u.walletLedger(), 1,
                    AccountFlags.debitsMustNotExceedCredits | AccountFlags.history, 0));
            return Result.ok;
        } else if (c instanceof CreateAccount a) {
            Account e = accounts.get(a.id());
            if (e != null) {
                return e.owner == a.ownerUserId() && e.ledger == a.ledger() && e.code == a.code()
                        && e.flags == a.flags() && e.userData == a.userData() ? Result.exists
                        : Result.exists_with_different_fields;
            }
            if (!users.containsKey(a.ownerUserId())) {
                return Result.user_not_found;
            }
            accounts.put(a.id(), new Account(a.id(), a.ownerUserId(), a.ledger(), a.code(), a.flags(),
                    a.userData()));
            return Result.ok;
        } else if (c instanceof CloseAccount x) {
            Account a = accounts.get(x.accountId());
            if (a == null) {
                return Result.account_not_found;
            }
            if (a.closed) {
                return Result.account_already_closed;
            }
            // Nothing is pending on it: no unanswered request touches an account the workload closes.
            if (a.debits != a.credits) {
                return Result.account_has_balance;
            }
            a.closed = true;
            return Result.ok;
        }
        throw new IllegalArgumentException("the workload does not send " + c);
    }

    /** A plain transfer on one shard: TigerBeetle's order of checks, idempotent by id. */
    private Result transfer(int shard, CreateTransfer t, List<Runnable> undo) {
        if (t.debitAccountId() == t.creditAccountId()) {
            return Result.accounts_must_be_different;
        }
        Object existing = records.get(shard).get(t.id());
        if (existing != null) {
            return existing.equals(t) ? Result.exists : Result.exists_with_different_fields;
        }
        if (shardOf(t.debitAccountId()) != shard || shardOf(t.creditAccountId()) != shard) {
            return Result.accounts_on_different_shards;
        }
        Account dr = accounts.get(t.debitAccountId());
        Account cr = accounts.get(t.creditAccountId());
        Result refused = refusal(dr, cr, t.ledger(), t.amount(), 0);
        if (refused != null) {
            return refused;
        }
        move(dr, cr, t.amount());
        records.get(shard).put(t.id(), t);
        undo.add(() -> {
            dr.debits -= t.amount();
            cr.credits -= t.amount();
            records.get(shard).remove(t.id());
        });
        return Result.ok;
    }

    /** Why a transfer between these accounts is refused, or null; {@code reserved} is already pending on the debit. */
    private static Result refusal(Account dr, Account cr, int ledger, long amount, long reserved) {
        if (dr == null || cr == null) {
            return Result.account_not_found;
        }
        if (dr.ledger != cr.ledger || ledger != dr.ledger) {
            return Result.currency_mismatch;
        }
        if (dr.closed || cr.closed) {
            return Result.account_closed;
        }
        if (dr.limited() && reserved + dr.debits + amount > dr.credits) {
            return Result.insufficient_funds;
        }
        return null;
    }

    private static void move(Account dr, Account cr, long amount) {
        dr.debits = Math.addExact(dr.debits, amount);
        cr.credits = Math.addExact(cr.credits, amount);
    }

    /**
     * A transfer or chain across shards, as {@code TransactionCoordinator.execute} answers it: a
     * repeat answers from the coordinator's record; otherwise the coordinator's refusal (nothing
     * recorded), or the participants' votes decide — abort with the refusal at the lowest leg — and
     * the decision is recorded.
     */
    Expectation transact(CreateTransfer[] legs) {
        int coordinator = shardOf(legs[0].debitAccountId());
        Expectation.Decided done = decided.get(coordinator).get(legs[0].id());
        if (done != null) {
            return Arrays.equals(done.legs, legs) ? Expectation.repeatOf(done)
                    : Expectation.of(filled(legs.length, Result.exists_with_different_fields));
        }
        Refusal own = prepare(coordinator, legs);
        if (own != null) {
            coordinatorRefusals++;
            return Expectation.of(refused(legs.length, own));
        }
        List<Refusal> first = new ArrayList<>();
        List<Integer> voters = new ArrayList<>(List.of(coordinator));
        for (int p : participants(legs, coordinator)) {
            Refusal vote = prepare(p, legs);
            if (vote == null) {
                voters.add(p);
            } else if (first.isEmpty() || vote.leg() < first.get(0).leg()) {
                first = new ArrayList<>(List.of(vote));
            } else if (vote.leg() == first.get(0).leg() && !first.contains(vote)) {
                first.add(vote);
            }
        }
        for (int s : voters) {
            for (CreateTransfer leg : legs) {
                if (isLocal(s, leg)) {
                    records.get(s).put(leg.id(), new Piece(leg));
                }
            }
        }
        List<Result[]> answers = new ArrayList<>();
        if (first.isEmpty()) {
            commits++;
            for (CreateTransfer leg : legs) {
                commit(leg);
            }
            answers.add(filled(legs.length, Result.ok));
        } else {
            participantAborts++;
            ties += first.size() > 1 ? 1 : 0;
            first.forEach(r -> answers.add(refused(legs.length, r)));
        }
        Expectation.Decided d = new Expectation.Decided(legs.clone(), answers);
        decided.get(coordinator).put(legs[0].id(), d);
        return Expectation.firstOf(d);
    }

    /** The other shards holding a piece, in ascending order (the order the driver counts votes in). */
    private List<Integer> participants(CreateTransfer[] legs, int coordinator) {
        Set<Integer> shards = new HashSet<>();
        for (CreateTransfer leg : legs) {
            shards.add(shardOf(leg.debitAccountId()));
            shards.add(shardOf(leg.creditAccountId()));
        }
        shards.remove(coordinator);
        return shards.stream().sorted().toList();
    }

    private boolean isLocal(int shard, CreateTransfer leg) {
        return shardOf(leg.debitAccountId()) == shard || shardOf(leg.creditAccountId()) == shard;
    }

    /** Checks a shard's pieces of the legs in leg order; each reserves its amount for the later ones. */
    private Refusal prepare(int shard, CreateTransfer[] legs) {
        Map<Long, Long> reserved = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < legs.length; i++) {
            CreateTransfer leg = legs[i];
            if (!isLocal(shard, leg)) {
                continue;
            }
            Currency currency = Currency.ofLedger(leg.ledger());
            long d = shardOf(leg.debitAccountId()) == shard ? leg.debitAccountId() : inTransit(shard, currency);
            long c = shardOf(leg.creditAccountId()) == shard ? leg.creditAccountId() : inTransit(shard, currency);
            if (d == c) {
                return new Refusal(i, Result.accounts_must_be_different);
            }
            if (records.get(shard).containsKey(leg.id()) || !ids.add(leg.id())) {
                return new Refusal(i, Result.exists_with_different_fields);
            }
            Result r = refusal(accounts.get(d), accounts.get(c), leg.ledger(), leg.amount(),
                    reserved.getOrDefault(d, 0L));
            if (r != null) {
                return new Refusal(i, r);
            }
            reserved.merge(d, leg.amount(), Long::sum);
        }
        return null;
    }

    private void commit(CreateTransfer leg) {
        int x = shardOf(leg.debitAccountId());
        int y = shardOf(leg.creditAccountId());
        Account dr = accounts.get(leg.debitAccountId());
        Account cr = accounts.get(leg.creditAccountId());
        if (x == y) {
            move(dr, cr, leg.amount());
            return;
        }
        Currency currency = Currency.ofLedger(leg.ledger());
        move(dr, accounts.get(inTransit(x, currency)), leg.amount());
        move(accounts.get(inTransit(y, currency)), cr, leg.amount());
    }

    private static Result[] filled(int n, Result r) {
        Result[] out = new Result[n];
        Arrays.fill(out, r);
        return out;
    }

    private static Result[] refused(int n, Refusal r) {
        Result[] out = filled(n, Result.linked_event_failed);
        out[r.leg()] = r.reason();
        return out;
    }

    /** True when a transfer id has a record on the shard (a transfer, or a piece in any state). */
    boolean recorded(int shard, long id) {
        return records.get(shard).containsKey(id);
    }
}
