package io.atta.engine.ledger;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.TransferFlags;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws random batches for one shard from a seed: users, accounts, plain and two-phase
 * transfers, linked chains (some failing, some left open), channel money and adjustments
 * ({@link RandomTrustCommands}), ticks with the clock moving in
 * jumps and sometimes back, and a steady share of invalid input (duplicate ids, bad
 * references, limit breaches, overflowing amounts). It looks at a {@link ReferenceLedger}
 * only to aim its references at things that exist; the same seed and the same answers give
 * the same batches.
 */
final class RandomBatches {
    record Batch(long timestamp, Command[] commands) {
    }

    private static final int[] ledgers = {Currency.CNY.ledger(), Currency.USD.ledger(), Currency.JPY.ledger()};

    private final SplittableRandom rnd;
    final int shardId;
    final int homeSlot;
    final int otherSlot;
    final int foreignSlot;
    private final long[] users;
    private final long[] wallets;
    private final long[] accountIds;
    private final int[] accountOwners;
    private final long[] strangers;
    private long header;
    private boolean started;
    private long nextTransferId;
    private final List<CreateTransfer> sent = new ArrayList<>();
    private final List<CreateTransfer> batchPendings = new ArrayList<>();
    private final List<Long> batchIds = new ArrayList<>();
    private final RandomTrustCommands trust;

    RandomBatches(long seed) {
        rnd = new SplittableRandom(seed);
        shardId = rnd.nextInt(64);
        homeSlot = rnd.nextInt(Ids.slotCount);
        otherSlot = (homeSlot + 1 + rnd.nextInt(Ids.slotCount - 2)) % Ids.slotCount;
        int f;
        do {
            f = rnd.nextInt(Ids.slotCount);
        } while (f == homeSlot || f == otherSlot);
        foreignSlot = f;
        int[] userSlots = {homeSlot, homeSlot, homeSlot, otherSlot, otherSlot, foreignSlot};
        users = new long[userSlots.length];
        wallets = new long[userSlots.length];
        long local = Ids.firstUserLocalId + rnd.nextInt(1_000_000);
        for (int i = 0; i < users.length; i++) {
            users[i] = Ids.compose(userSlots[i], local++);
            wallets[i] = Ids.compose(userSlots[i], local++);
        }
        accountIds = new long[10];
        accountOwners = new int[accountIds.length];
        for (int i = 0; i < accountIds.length; i++) {
            accountOwners[i] = rnd.nextInt(users.length);
            int slot = Ids.slotOf(users[accountOwners[i]]);
            accountIds[i] = i == 0 ? Ids.compose(slot, rnd.nextInt(1000)) : Ids.compose(slot, local++);
        }
        strangers = new long[] {Ids.compose(homeSlot, local++), Ids.compose(otherSlot, local++),
                Ids.compose(foreignSlot, local++), HouseAccount.bankFunding.id(otherSlot, Currency.CNY)};
        trust = new RandomTrustCommands(rnd, users, homeSlot, otherSlot, local);
        header = 1_700_000_000_000_000_000L + rnd.nextLong(1_000_000_000_000L);
        nextTransferId = 1 + rnd.nextLong(1L << 40);
    }

    boolean ownsSlot(int slot) {
        return slot != foreignSlot;
    }

    Batch next(ReferenceLedger model) {
        header += advance();
        batchPendings.clear();
        batchIds.clear();
        if (!started) {
            started = true;
            return new Batch(header, opening());
        }
        int size = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(40) : 1 + rnd.nextInt(12);
        List<Command> out = new ArrayList<>(size);
        while (out.size() < size) {
            int p = rnd.nextInt(1000);
            if (p < 15) {
                out.add(user(model));
            } else if (p < 45) {
                out.add(account(model));
            } else if (p < 48) {
                out.add(close(model));
            } else if (p < 90) {
                out.add(Tick.instance);
            } else if (p < 150) {
                out.add(trust.next(model));
            } else if (p < 210) {
                int length = 2 + rnd.nextInt(3);
                for (int k = 0; k < length; k++) {
                    CreateTransfer t = transfer(model);
                    boolean link = k < length - 1 || rnd.nextInt(8) == 0;
                    out.add(link ? withFlags(t, t.flags() | TransferFlags.linked) : t);
                }
            } else {
                out.add(transfer(model));
            }
        }
        return new Batch(header, out.toArray(Command[]::new));
    }

    /** The first batch: every user and account as intended (some still refused: another shard's, a reserved id). */
    private Command[] opening() {
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            int ledger = i == 2 ? Currency.USD.ledger() : Currency.CNY.ledger();
            out.add(new CreateUser(users[i], wallets[i], ledger, i, i, i, i));
        }
        int[] flagChoices = {0, AccountFlags.debitsMustNotExceedCredits, AccountFlags.creditsMustNotExceedDebits,
            AccountFlags.history};
        for (int i = 0; i < accountIds.length; i++) {
            int ledger = i % 4 == 3 ? Currency.USD.ledger() : i % 5 == 4 ? Currency.JPY.ledger() : Currency.CNY.ledger();
            out.add(new CreateAccount(accountIds[i], users[accountOwners[i]], ledger, 10,
                    flagChoices[rnd.nextInt(flagChoices.length)], 0));
        }
        out.addAll(trust.opening());
        return out.toArray(Command[]::new);
    }

    /** Mostly small steps, some jumps past pending timeouts, and now and then a clock that stepped back. */
    private long advance() {
        int p = rnd.nextInt(100);
        if (p < 60) {
            return 1_000_000L + rnd.nextLong(500_000_000L);
        } else if (p < 80) {
            return 500_000_000L + rnd.nextLong(5_000_000_000L);
        } else if (p < 88) {
            return -rnd.nextLong(10_000_000L);
        }
        return 10_000_000_000L + rnd.nextLong(30_000_000_000L);
    }

    private Command user(ReferenceLedger model) {
        int i = rnd.nextInt(users.length);
        long user = users[i];
        long wallet = wallets[i];
        int ledger = rnd.nextInt(5) == 0 ? Currency.USD.ledger() : Currency.CNY.ledger();
        switch (rnd.nextInt(20)) {
            case 0 -> user = 0;
            case 1 -> wallet = Ids.compose(Ids.slotOf(user), rnd.nextInt(100));
            case 2 -> wallet = wallets[(i + 1) % wallets.length];
            case 3 -> ledger = 999;
            case 4 -> wallet = anyAccount(model);
            default -> {
            }
        }
        return new CreateUser(user, wallet, ledger, rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }

    private Command account(ReferenceLedger model) {
        int i = rnd.nextInt(accountIds.length);
        long owner = rnd.nextInt(8) == 0 ? users[rnd.nextInt(users.length)] : users[accountOwners[i]];
        int ledger = rnd.nextInt(20) == 0 ? 999 : ledgers[rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0];
        int code = rnd.nextInt(30) == 0 ? 0 : 10 + rnd.nextInt(2);
        int[] flagChoices = {0, 0, 0, AccountFlags.debitsMustNotExceedCredits, AccountFlags.debitsMustNotExceedCredits,
            AccountFlags.creditsMustNotExceedDebits, AccountFlags.history,
            AccountFlags.debitsMustNotExceedCredits | AccountFlags.creditsMustNotExceedDebits, 1 << 5};
        int flags = flagChoices[rnd.nextInt(flagChoices.length)];
        long id = rnd.nextInt(25) == 0 ? (rnd.nextBoolean() ? 0 : anyAccount(model)) : accountIds[i];
        return new CreateAccount(id, owner, ledger, code, flags, rnd.nextInt(3));
    }

    private Command close(ReferenceLedger model) {
        long id = anyAccount(model);
        ReferenceLedger.Acct a = model.accounts.get(id);
        long acting = switch (rnd.nextInt(4)) {
            case 0 -> 0;
            case 1 -> users[rnd.nextInt(users.length)];
            default -> a == null ? 0 : a.owner();
        };
        return new CloseAccount(id, acting);
    }

    private CreateTransfer transfer(ReferenceLedger model) {
        int p = rnd.nextInt(100);
        if (p < 6 && !sent.isEmpty()) {
            return remember(sent.get(rnd.nextInt(sent.size())));
        }
        CreateTransfer t;
        if (p < 50) {
            t = move(model, false);
        } else if (p < 72) {
            t = move(model, true);
        } else {
            t = resolve(model, p < 88);
        }
        return remember(t);
    }

    private CreateTransfer remember(CreateTransfer t) {
        sent.add(t);
        batchIds.add(t.id());
        if ((t.flags() & TransferFlags.pending) != 0) {
            batchPendings.add(t);
        }
        return t;
    }

    private long transferId(ReferenceLedger model) {
        int p = rnd.nextInt(100);
        if (p < 1) {
            return 0;
        } else if (p < 5 && !sent.isEmpty()) {
            return sent.get(rnd.nextInt(sent.size())).id();
        } else if (p < 7 && !batchIds.isEmpty()) {
            return batchIds.get(rnd.nextInt(batchIds.size()));
        }
        return nextTransferId++;
    }

    private CreateTransfer move(ReferenceLedger model, boolean pending) {
        long dr;
        long cr;
        int kind = rnd.nextInt(100);
        if (kind < 30) {
            cr = anyAccount(model);
            dr = house(model, cr);
        } else if (kind < 40) {
            dr = anyAccount(model);
            cr = house(model, dr);
        } else {
            dr = anyAccount(model);
            cr = rnd.nextInt(10) == 0 ? anyAccount(model) : sameLedger(model, dr);
        }
        if (rnd.nextInt(60) == 0) {
            cr = dr;
        } else if (rnd.nextInt(80) == 0) {
            dr = 0;
        }
        ReferenceLedger.Acct a = model.accounts.get(dr);
        int ledger = a != null && rnd.nextInt(12) != 0 ? a.ledger() : rnd.nextInt(10) == 0 ? 0 : ledgers[rnd.nextInt(3)];
        int flags = pending ? TransferFlags.pending : 0;
        switch (rnd.nextInt(100)) {
            case 0 -> flags |= 1 << 6;
            case 1 -> flags |= TransferFlags.postPending;
            default -> {
            }
        }
        int timeout = 0;
        if (pending) {
            int p = rnd.nextInt(100);
            timeout = p < 40 ? 0 : p < 92 ? 1 + rnd.nextInt(20) : p < 95 ? Limits.maxTimeoutSeconds
                    : p < 98 ? Limits.maxTimeoutSeconds + 1 : -1;
        } else if (rnd.nextInt(50) == 0) {
            timeout = 5;
        }
        long pendingId = rnd.nextInt(60) == 0 ? 1 + rnd.nextLong(1000) : 0;
        return new CreateTransfer(transferId(model), dr, cr, amount(), ledger, rnd.nextInt(40) == 0 ? 0 : 1 + rnd.nextInt(3),
                flags, pendingId, timeout, rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(3) : 0, actingUser(model, dr));
    }

    private long amount() {
        int p = rnd.nextInt(200);
        if (p < 3) {
            return 0;
        } else if (p < 5) {
            return -1 - rnd.nextInt(100);
        } else if (p < 8) {
            return Long.MAX_VALUE - rnd.nextLong(1_000_000);
        } else if (p < 10) {
            return Long.MAX_VALUE / 2 + rnd.nextLong(1_000_000);
        } else if (p < 30) {
            return 1 + rnd.nextLong(100_000);
        }
        return 1 + rnd.nextLong(1_000);
    }

    private CreateTransfer resolve(ReferenceLedger model, boolean post) {
        long pendingId = pendingToResolve(model);
        ReferenceLedger.Xfer p = model.transfers.get(pendingId);
        long pendingAmount = p != null ? p.amount() : 0;
        CreateTransfer fromBatch = p == null
                ? batchPendings.stream().filter(x -> x.id() == pendingId).findFirst().orElse(null) : null;
        if (fromBatch != null) {
            pendingAmount = fromBatch.amount();
        }
        long dr = 0;
        long cr = 0;
        int q = rnd.nextInt(100);
        if (q >= 75 && q < 93) {
            dr = p != null ? p.debit() : fromBatch != null ? fromBatch.debitAccountId() : anyAccount(model);
            cr = p != null ? p.credit() : fromBatch != null ? fromBatch.creditAccountId() : anyAccount(model);
        } else if (q >= 93) {
            dr = rnd.nextBoolean() ? anyAccount(model) : 0;
            cr = rnd.nextBoolean() ? anyAccount(model) : 0;
        }
        long amount;
        q = rnd.nextInt(100);
        if (post) {
            amount = q < 35 ? 0 : q < 65 ? 1 + rnd.nextLong(Math.max(1, pendingAmount)) : q < 80 ? pendingAmount
                    : q < 88 ? pendingAmount + 1 : q < 92 ? -1 : 1 + rnd.nextLong(1000);
        } else {
            amount = q < 75 ? 0 : q < 93 ? pendingAmount : pendingAmount - 1;
        }
        int ledger = 0;
        q = rnd.nextInt(100);
        if (q >= 75) {
            ledger = q < 95 && p != null ? p.ledger() : ledgers[rnd.nextInt(3)];
        }
        int flags = post ? TransferFlags.postPending : TransferFlags.voidPending;
        long acting = actingUser(model, p != null ? p.debit() : 0);
        return new CreateTransfer(transferId(model), dr, cr, amount, ledger, rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(3) : 0,
                flags, pendingId, rnd.nextInt(50) == 0 ? 3 : 0, rnd.nextInt(5) == 0 ? 1 : 0, acting);
    }

    private long pendingToResolve(ReferenceLedger model) {
        int p = rnd.nextInt(100);
        if (p < 15 && !batchPendings.isEmpty()) {
            return batchPendings.get(rnd.nextInt(batchPendings.size())).id();
        }
        if (p < 80) {
            List<Long> open = model.transfers.values().stream().filter(x -> x.status() == PendingStatus.pending)
                    .map(x -> x.request().id()).sorted().toList();
            if (!open.isEmpty()) {
                return open.get(rnd.nextInt(open.size()));
            }
        }
        if (p < 90) {
            List<Long> resolved = model.transfers.values().stream()
                    .filter(x -> x.isPending() && x.status() != PendingStatus.pending)
                    .map(x -> x.request().id()).sorted().toList();
            if (!resolved.isEmpty()) {
                return resolved.get(rnd.nextInt(resolved.size()));
            }
        }
        if (p < 96 && !sent.isEmpty()) {
            return sent.get(rnd.nextInt(sent.size())).id();
        }
        return p < 98 ? nextTransferId + 1_000_000 : 0;
    }

    private long actingUser(ReferenceLedger model, long debitAccount) {
        int p = rnd.nextInt(100);
        ReferenceLedger.Acct a = model.accounts.get(debitAccount);
        if (p < 8 && a != null) {
            return a.owner();
        } else if (p < 12) {
            return users[rnd.nextInt(users.length)];
        }
        return 0;
    }

    /** An account id: mostly a user's that exists, sometimes a house one, one that does not exist or another shard's. */
    private long anyAccount(ReferenceLedger model) {
        int p = rnd.nextInt(100);
        if (p < 4) {
            return strangers[rnd.nextInt(strangers.length)];
        }
        List<Long> known = model.accounts.values().stream().filter(a -> p < 12 || a.owner() != 0)
                .map(ReferenceLedger.Acct::id).sorted().toList();
        if (known.isEmpty()) {
            known = model.accounts.keySet().stream().sorted().toList();
        }
        return known.get(rnd.nextInt(known.size()));
    }

    /** Another existing account in the same currency as {@code id}, when there is one. */
    private long sameLedger(ReferenceLedger model, long id) {
        ReferenceLedger.Acct a = model.accounts.get(id);
        if (a == null) {
            return anyAccount(model);
        }
        List<Long> peers = model.accounts.values().stream()
                .filter(x -> x.ledger() == a.ledger() && x.id() != id && x.owner() != 0)
                .map(ReferenceLedger.Acct::id).sorted().toList();
        return peers.isEmpty() ? anyAccount(model) : peers.get(rnd.nextInt(peers.size()));
    }

    /** This shard's bank-funding account in the currency of account {@code id} (CNY when unknown). */
    private long house(ReferenceLedger model, long id) {
        ReferenceLedger.Acct a = model.accounts.get(id);
        Currency c = a == null ? Currency.CNY : Currency.ofLedger(a.ledger());
        return HouseAccount.bankFunding.id(homeSlot, c);
    }

    private static CreateTransfer withFlags(CreateTransfer t, int flags) {
        return new CreateTransfer(t.id(), t.debitAccountId(), t.creditAccountId(), t.amount(), t.ledger(), t.code(),
                flags, t.pendingId(), t.timeoutSeconds(), t.userData(), t.actingUserId());
    }
}
