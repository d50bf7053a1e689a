package io.atta.cluster.transaction;

import io.atta.cluster.Routing;
import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Draws the requests of {@link MultiShardModelTest} from a seed: users with wallets (and some
 * USD and unlimited accounts) on every shard, top-ups from the shards' bank-funding accounts,
 * then single transfers and linked chains of up to four legs between random accounts — some
 * that must fail (too little money, an account that does not exist, a closed account, the
 * wrong currency) — closings, and repeats of earlier requests with the same content, with
 * other content, or while the first is still in flight. It looks at the {@link ReferenceShards}
 * only to aim amounts near balances.
 */
final class RandomOperations {
    /** Local ids from here on are never created: accounts that do not exist. */
    private static final long missingLocalBase = Ids.firstUserLocalId + 5_000_000;

    private final Random rnd;
    private final ReferenceShards model;
    private final Routing routing;
    private final boolean reuseLegs;
    private final List<Long> accounts = new ArrayList<>();
    private long nextLocal = Ids.firstUserLocalId;
    private long nextTransferId = 1_000_000;
    private int number;

    /**
     * @param reuseLegs also draw new chains that repeat an earlier cross-shard leg word for word
     *                  (the engine bug that TransactionsScenarioTest documents)
     */
    RandomOperations(Random rnd, ReferenceShards model, Routing routing, boolean reuseLegs) {
        this.rnd = rnd;
        this.model = model;
        this.routing = routing;
        this.reuseLegs = reuseLegs;
    }

    /** Users with their accounts, funded, one request per user; they touch nothing in common. */
    List<Operation> setup(int usersPerShard) {
        List<Operation> out = new ArrayList<>();
        for (int s = 0; s < routing.shards(); s++) {
            for (int u = 0; u < usersPerShard; u++) {
                int slot = randomSlot(s);
                long user = Ids.compose(slot, nextLocal++);
                long wallet = Ids.compose(slot, nextLocal++);
                List<Command> cs = new ArrayList<>();
                cs.add(new CreateUser(user, wallet, Currency.CNY.ledger(), 1, 2, 3, 4));
                cs.add(funding(s, wallet, Currency.CNY));
                accounts.add(wallet);
                if (rnd.nextBoolean()) {
                    long usd = Ids.compose(slot, nextLocal++);
                    cs.add(new CreateAccount(usd, user, Currency.USD.ledger(), 10,
                            AccountFlags.debitsMustNotExceedCredits, 0));
                    cs.add(funding(s, usd, Currency.USD));
                    accounts.add(usd);
                }
                if (rnd.nextInt(3) == 0) {
                    // No limit: it may go below zero, so debits from it never fail for want of money.
                    long unlimited = Ids.compose(slot, nextLocal++);
                    cs.add(new CreateAccount(unlimited, user, Currency.CNY.ledger(), 20, 0, 0));
                    accounts.add(unlimited);
                }
                out.add(new Operation(number++, "setup", s, new CreateTransfer[0], cs.toArray(Command[]::new),
                        false));
            }
        }
        return out;
    }

    private CreateTransfer funding(int shard, long account, Currency c) {
        return leg(model.bank(shard, c), account, 500 + rnd.nextInt(5_000), c.ledger(), 0);
    }

    /**
     * A new request that {@code free} accepts (its accounts and ids are not in use), or null when
     * none was found in a few draws. {@code inFlight} are transactions begun and not yet answered.
     */
    Operation next(Predicate<Operation> free, List<Operation> answered, List<Operation> inFlight) {
        for (int attempt = 0; attempt < 8; attempt++) {
            Operation op = draw(answered, inFlight);
            if (op != null && (op.inFlightRepeat() || free.test(op))) {
                return op.numbered(number++);
            }
        }
        return null;
    }

    private Operation draw(List<Operation> answered, List<Operation> inFlight) {
        int k = rnd.nextInt(100);
        if (k < 10) {
            return topUp();
        } else if (k < 45) {
            return transfers("transfer", 1);
        } else if (k < 70) {
            return transfers("chain", 2 + rnd.nextInt(3));
        } else if (k < 72) {
            return close();
        } else if (k < 85) {
            return repeat(answered);
        } else if (k < 90) {
            return repeatInFlight(inFlight);
        } else if (k < 95) {
            return oldId(answered);
        }
        return reuseLegs ? reuseLeg(answered) : transfers("chain", 2);
    }

    private Operation topUp() {
        long account = pick(accounts);
        Currency c = Currency.ofLedger(model.accounts.get(account).ledger);
        int bankShard = rnd.nextInt(5) == 0 ? rnd.nextInt(routing.shards()) : routing.shardOf(account);
        return route("top-up", new CreateTransfer[] {leg(model.bank(bankShard, c), account, 100 + rnd.nextInt(5_000),
                c.ledger(), 0)});
    }

    private Operation transfers(String kind, int n) {
        CreateTransfer[] legs = new CreateTransfer[n];
        for (int i = 0; i < n; i++) {
            long debit = pickDebit();
            long credit = pickCredit(debit);
            int ledger = ledgerOf(debit);
            if (rnd.nextInt(30) == 0) {
                ledger = ledger == Currency.CNY.ledger() ? Currency.USD.ledger() : Currency.CNY.ledger();
            }
            legs[i] = leg(debit, credit, amountFor(debit), ledger, i < n - 1 ? TransferFlags.linked : 0);
        }
        return route(kind, legs);
    }

    private Operation close() {
        List<Long> open = accounts.stream().filter(id -> !model.accounts.get(id).closed).toList();
        if (open.size() <= accounts.size() * 9 / 10) {
            return null;
        }
        // Mostly an empty account, which closes; now and then one with money, which may not.
        List<Long> empty = open.stream().filter(x -> model.accounts.get(x).debits == model.accounts.get(x).credits)
                .toList();
        long id = !empty.isEmpty() && rnd.nextInt(4) != 0 ? pick(empty) : pick(open);
        return new Operation(-1, "close", routing.shardOf(id), new CreateTransfer[0],
                new Command[] {new CloseAccount(id, 0)}, false);
    }

    /** An answered request again, the same or with its first amount changed, sent the same way. */
    private Operation repeat(List<Operation> answered) {
        List<Operation> transfers = answered.stream().filter(o -> o.legs().length > 0).toList();
        if (transfers.isEmpty()) {
            return null;
        }
        Operation o = pick(transfers);
        boolean changed = rnd.nextInt(3) == 0;
        CreateTransfer[] legs = changed ? withFirstAmountPlusOne(o.legs()) : o.legs().clone();
        String kind = changed ? "repeat-changed" : "repeat";
        return o.direct() ? new Operation(-1, kind, o.shard(), legs, legs, false)
                : new Operation(-1, kind, -1, legs, null, false);
    }

    /** A transaction still in flight requested again: it waits for the first one's end. */
    private Operation repeatInFlight(List<Operation> inFlight) {
        if (inFlight.isEmpty()) {
            return null;
        }
        Operation o = pick(inFlight);
        boolean changed = rnd.nextInt(3) == 0;
        CreateTransfer[] legs = changed ? withFirstAmountPlusOne(o.legs()) : o.legs().clone();
        return new Operation(-1, changed ? "repeat-in-flight-changed" : "repeat-in-flight", -1, legs, null, true);
    }

    /** New transfers, one of which reuses an earlier transfer's id with other content. */
    private Operation oldId(List<Operation> answered) {
        List<CreateTransfer> old = answered.stream().flatMap(o -> Arrays.stream(o.legs())).toList();
        if (old.isEmpty()) {
            return null;
        }
        Operation fresh = transfers("old-id", 1 + rnd.nextInt(2));
        CreateTransfer[] legs = fresh.legs();
        int at = rnd.nextInt(legs.length);
        CreateTransfer t = legs[at];
        // An id its debit account's shard may use: one an earlier leg debited on that shard had.
        int shard = routing.shardOf(t.debitAccountId());
        List<CreateTransfer> usable = old.stream().filter(o -> routing.shardOf(o.debitAccountId()) == shard).toList();
        if (usable.isEmpty()) {
            return null;
        }
        long id = pick(usable).id();
        long amount = t.amount();
        while (sameAsAny(old, id, t.debitAccountId(), t.creditAccountId(), amount, t.ledger(), t.flags())) {
            amount++;
        }
        legs[at] = new CreateTransfer(id, t.debitAccountId(), t.creditAccountId(), amount, t.ledger(), t.code(),
                t.flags(), 0, 0, 0, 0);
        return fresh.direct() ? new Operation(-1, "old-id", fresh.shard(), legs, legs, false)
                : new Operation(-1, "old-id", -1, legs, null, false);
    }

    private static boolean sameAsAny(List<CreateTransfer> old, long id, long debit, long credit, long amount,
            int ledger, int flags) {
        CreateTransfer candidate = new CreateTransfer(id, debit, credit, amount, ledger, 1, flags, 0, 0, 0, 0);
        CreateTransfer other = new CreateTransfer(id, debit, credit, amount, ledger, 1,
                flags ^ TransferFlags.linked, 0, 0, 0, 0);
        return old.contains(candidate) || old.contains(other);
    }

    /** A new chain whose second leg is an earlier cross-shard leg, word for word. */
    private Operation reuseLeg(List<Operation> answered) {
        List<CreateTransfer> old = answered.stream().filter(o -> !o.direct())
                .flatMap(o -> Arrays.stream(o.legs())).toList();
        if (old.isEmpty()) {
            return null;
        }
        CreateTransfer repeated = pick(old);
        CreateTransfer again = new CreateTransfer(repeated.id(), repeated.debitAccountId(),
                repeated.creditAccountId(), repeated.amount(), repeated.ledger(), repeated.code(), 0, 0, 0, 0, 0);
        long debit = pick(accounts);
        CreateTransfer first = leg(debit, pickCredit(debit), amountFor(debit), ledgerOf(debit), TransferFlags.linked);
        return new Operation(-1, "reuse-leg", -1, new CreateTransfer[] {first, again}, null, false);
    }

    /** On one shard, mostly sent to it directly; across shards (or now and then on one), as a transaction. */
    private Operation route(String kind, CreateTransfer[] legs) {
        Set<Integer> shards = new HashSet<>();
        for (CreateTransfer t : legs) {
            shards.add(routing.shardOf(t.debitAccountId()));
            shards.add(routing.shardOf(t.creditAccountId()));
        }
        if (shards.size() == 1 && rnd.nextInt(10) != 0) {
            return new Operation(-1, kind, shards.iterator().next(), legs, legs, false);
        }
        return new Operation(-1, kind, -1, legs, null, false);
    }

    /** A leg whose id is in its debit account's slot, as every transfer id must be. */
    private CreateTransfer leg(long debit, long credit, long amount, int ledger, int flags) {
        return new CreateTransfer(Ids.compose(Ids.slotOf(debit), nextTransferId++), debit, credit, amount, ledger, 1,
                flags, 0, 0, 0, 0);
    }

    private static CreateTransfer[] withFirstAmountPlusOne(CreateTransfer[] legs) {
        CreateTransfer[] out = legs.clone();
        CreateTransfer t = legs[0];
        out[0] = new CreateTransfer(t.id(), t.debitAccountId(), t.creditAccountId(), t.amount() + 1, t.ledger(),
                t.code(), t.flags(), t.pendingId(), t.timeoutSeconds(), t.userData(), t.actingUserId());
        return out;
    }

    private long pickDebit() {
        int r = rnd.nextInt(100);
        if (r < 4) {
            return missing();
        } else if (r < 12) {
            return model.bank(rnd.nextInt(routing.shards()), ReferenceShards.currencies[rnd.nextInt(2)]);
        }
        return pick(accounts);
    }

    private long pickCredit(long debit) {
        while (true) {
            long credit;
            if (rnd.nextInt(100) < 4) {
                credit = missing();
            } else if (rnd.nextInt(100) < 85 && hasAccountIn(ledgerOf(debit))) {
                int ledger = ledgerOf(debit);
                credit = pick(accounts.stream().filter(id -> model.accounts.get(id).ledger == ledger).toList());
            } else {
                credit = pick(accounts);
            }
            if (credit != debit) {
                return credit;
            }
        }
    }

    private boolean hasAccountIn(int ledger) {
        return accounts.stream().anyMatch(id -> model.accounts.get(id).ledger == ledger);
    }

    private long missing() {
        return Ids.compose(randomSlot(rnd.nextInt(routing.shards())), missingLocalBase + rnd.nextInt(1_000));
    }

    private int ledgerOf(long account) {
        ReferenceShards.Account a = model.accounts.get(account);
        return a == null ? Currency.CNY.ledger() : a.ledger;
    }

    /** Mostly what the debit account can pay, sometimes more. */
    private long amountFor(long debit) {
        ReferenceShards.Account a = model.accounts.get(debit);
        if (a == null || a.owner == 0) {
            return 1 + rnd.nextInt(2_000);
        }
        long balance = a.balance();
        if (balance > 0 && rnd.nextInt(5) != 0) {
            return 1 + Math.floorMod(rnd.nextLong(), balance);
        }
        return Math.max(balance, 0) + 1 + rnd.nextInt(50);
    }

    private int randomSlot(int shard) {
        List<Routing.SlotRange> ranges = routing.slotRanges(shard);
        Routing.SlotRange r = ranges.get(rnd.nextInt(ranges.size()));
        return r.from() + rnd.nextInt(r.count());
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }
}
