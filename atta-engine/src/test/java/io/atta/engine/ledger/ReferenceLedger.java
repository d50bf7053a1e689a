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
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * A deliberately naive ledger for differential testing, written from docs/API.md and
 * TigerBeetle's rules rather than from {@link ShardLedger}: immutable records in plain maps,
 * a linked chain applied to copies of the maps that are kept or dropped whole, overflow
 * checked with {@link BigInteger}, and expiry found by scanning every transfer. It is slow
 * and obviously right, which is the point.
 */
final class ReferenceLedger {
    private static final BigInteger longMax = BigInteger.valueOf(Long.MAX_VALUE);

    record Acct(long id, long owner, int ledger, int code, int flags, long userData, long timestamp, long dp,
                long dpo, long cp, long cpo) {
        boolean closed() {
            return (flags & AccountFlags.closed) != 0;
        }

        Acct plus(long ddp, long ddpo, long dcp, long dcpo) {
            return new Acct(id, owner, ledger, code, flags, userData, timestamp, dp + ddp, dpo + ddpo, cp + dcp,
                    cpo + dcpo);
        }

        AccountState state() {
            return new AccountState(id, owner, ledger, code, flags, userData, timestamp, dp, dpo, cp, cpo);
        }
    }

    /** A transfer as applied: the request as sent, what it resolved to, and where a pending one stands. */
    record Xfer(CreateTransfer request, long debit, long credit, long amount, int ledger, int code, long timestamp,
                PendingStatus status) {
        boolean isPending() {
            return (request.flags() & TransferFlags.pending) != 0;
        }

        boolean expiredAt(long ts) {
            int timeout = request.timeoutSeconds();
            return timeout > 0 && BigInteger.valueOf(timestamp).add(BigInteger.valueOf(timeout)
                    .multiply(BigInteger.valueOf(1_000_000_000L))).compareTo(BigInteger.valueOf(ts)) <= 0;
        }

        Xfer with(PendingStatus s) {
            return new Xfer(request, debit, credit, amount, ledger, code, timestamp, s);
        }

        TransferRecord record() {
            CreateTransfer r = request;
            return new TransferRecord(r.id(), debit, credit, amount, ledger, code, r.flags(), r.pendingId(),
                    r.timeoutSeconds(), r.userData(), timestamp, status, r.debitAccountId(), r.creditAccountId(),
                    r.amount(), r.ledger());
        }
    }

    record Person(long wallet, long timestamp) {
    }

    private final IntPredicate ownsSlot;
    Map<Long, Acct> accounts = new HashMap<>();
    Map<Long, Xfer> transfers = new HashMap<>();
    final Map<Long, Person> users = new HashMap<>();
    long last;
    /** Transfer ids whose record the last batch wrote. */
    final Set<Long> touched = new HashSet<>();
    final ReferenceChannels channels;

    ReferenceLedger(int homeSlot, IntPredicate ownsSlot) {
        this.ownsSlot = ownsSlot;
        this.channels = new ReferenceChannels(this, homeSlot);
        for (Currency c : Currency.values()) {
            for (HouseAccount h : HouseAccount.values()) {
                long id = h.id(homeSlot, c);
                accounts.put(id, new Acct(id, 0, c.ledger(), HouseAccount.accountCode, AccountFlags.history, 0, 0,
                        0, 0, 0, 0));
                if (h.swept() && ownsSlot.test(HouseAccount.globalHomeSlot)) {
                    long global = h.globalId(c);
                    accounts.put(global, new Acct(global, 0, c.ledger(), HouseAccount.accountCode,
                            AccountFlags.history, 0, 0, 0, 0, 0, 0));
                }
            }
        }
    }

    Result[] apply(long header, Command[] batch) {
        touched.clear();
        long first = Math.max(header, last + 1);
        Result[] out = new Result[batch.length];
        int i = 0;
        while (i < batch.length) {
            if (batch[i] instanceof CreateTransfer t && linked(t)) {
                i = applyChain(batch, i, first, out);
            } else {
                out[i] = applyOne(batch[i], first + i);
                i++;
            }
        }
        last = first + batch.length - 1;
        return out;
    }

    private static boolean linked(CreateTransfer t) {
        return (t.flags() & TransferFlags.linked) != 0;
    }

    /** A chain is the run of transfers from {@code start} up to and including the first one not linked. */
    private int applyChain(Command[] batch, int start, long first, Result[] out) {
        int end = start;
        boolean closed = false;
        while (end < batch.length && batch[end] instanceof CreateTransfer t) {
            end++;
            if (!linked(t)) {
                closed = true;
                break;
            }
        }
        if (!closed) {
            for (int k = start; k < end; k++) {
                out[k] = k == end - 1 ? Result.linked_event_chain_open : Result.linked_event_failed;
            }
            return end;
        }
        Map<Long, Acct> accountsBefore = new HashMap<>(accounts);
        Map<Long, Xfer> transfersBefore = new HashMap<>(transfers);
        Set<Long> touchedBefore = new HashSet<>(touched);
        for (int k = start; k < end; k++) {
            Result r = clientTransfer((CreateTransfer) batch[k], first + k);
            if (r != Result.ok) {
                accounts = accountsBefore;
                transfers = transfersBefore;
                touched.clear();
                touched.addAll(touchedBefore);
                for (int j = start; j < end; j++) {
                    out[j] = j == k ? r : Result.linked_event_failed;
                }
                return end;
            }
        }
        for (int k = start; k < end; k++) {
            out[k] = Result.ok;
        }
        return end;
    }

    private Result applyOne(Command c, long ts) {
        if (c instanceof CreateTransfer t) {
            return clientTransfer(t, ts);
        } else if (c instanceof CreateAccount a) {
            return createAccount(a, ts);
        } else if (c instanceof CreateUser u) {
            return createUser(u, ts);
        } else if (c instanceof CloseAccount x) {
            return close(x);
        } else if (c instanceof Tick) {
            return tick(ts);
        } else if (ReferenceChannels.handles(c)) {
            return channels.apply(c, ts);
        }
        throw new IllegalArgumentException(String.valueOf(c));
    }

    /** A caller's transfer: the platform's pending transfers (withdrawals) are not a caller's to resolve. */
    private Result clientTransfer(CreateTransfer t, long ts) {
        return Ids.isPlatformId(t.pendingId()) ? Result.transfer_id_reserved : createTransfer(t, ts);
    }

    boolean ownsSlot(int slot) {
        return ownsSlot.test(slot);
    }

    Result createTransfer(CreateTransfer t, long ts) {
        return createTransfer(t, ts, false);
    }

    /**
     * @param platform a platform rule's transfer (a channel's answer to a withdrawal): posting
     *                 its own pending transfer goes through a close of either account since
     */
    Result createTransfer(CreateTransfer t, long ts, boolean platform) {
        int f = t.flags();
        boolean pending = (f & TransferFlags.pending) != 0;
        boolean post = (f & TransferFlags.postPending) != 0;
        boolean voiding = (f & TransferFlags.voidPending) != 0;
        if (t.id() == 0) {
            return Result.id_must_not_be_zero;
        }
        if ((f & ~(TransferFlags.linked | TransferFlags.pending | TransferFlags.postPending
                | TransferFlags.voidPending)) != 0) {
            return Result.flags_unknown;
        }
        if ((pending ? 1 : 0) + (post ? 1 : 0) + (voiding ? 1 : 0) > 1) {
            return Result.flags_are_mutually_exclusive;
        }
        if (post || voiding) {
            if (t.pendingId() == 0) {
                return Result.pending_id_must_not_be_zero;
            }
        } else {
            Result r = t.pendingId() != 0 ? Result.pending_id_must_be_zero
                    : t.debitAccountId() == 0 ? Result.debit_account_id_must_not_be_zero
                    : t.creditAccountId() == 0 ? Result.credit_account_id_must_not_be_zero
                    : t.debitAccountId() == t.creditAccountId() ? Result.accounts_must_be_different
                    : t.amount() <= 0 ? Result.amount_must_not_be_zero
                    : t.code() == 0 ? Result.code_must_not_be_zero
                    : Result.ok;
            if (r != Result.ok) {
                return r;
            }
        }
        if (t.timeoutSeconds() < 0 || t.timeoutSeconds() > 0 && !pending) {
            return Result.timeout_reserved_for_pending_transfer;
        }
        if (t.timeoutSeconds() > Limits.maxTimeoutSeconds) {
            return Result.timeout_too_large;
        }
        if (t.actingUserId() != 0) {
            long debitId = t.debitAccountId();
            if (debitId == 0 && (post || voiding)) {
                Xfer p = transfers.get(t.pendingId());
                debitId = p == null ? 0 : p.debit();
            }
            Acct debit = accounts.get(debitId);
            if (debit == null || debit.owner() != t.actingUserId()) {
                return Result.debit_account_not_owned;
            }
        }
        Xfer existing = transfers.get(t.id());
        if (existing != null) {
            return sameRequest(existing, t) ? Result.exists : Result.exists_with_different_fields;
        }
        return post || voiding ? resolve(t, post, ts, platform) : move(t, pending, ts);
    }

    /** The retry says what the original request said; on a post or void, code zero means "the pending's". */
    private static boolean sameRequest(Xfer e, CreateTransfer t) {
        CreateTransfer o = e.request();
        boolean resolving = (t.flags() & (TransferFlags.postPending | TransferFlags.voidPending)) != 0;
        boolean codeMatches = resolving ? t.code() == 0 || t.code() == e.code() : t.code() == o.code();
        return o.flags() == t.flags() && o.pendingId() == t.pendingId() && o.userData() == t.userData()
                && o.debitAccountId() == t.debitAccountId() && o.creditAccountId() == t.creditAccountId()
                && o.amount() == t.amount() && o.ledger() == t.ledger() && o.timeoutSeconds() == t.timeoutSeconds()
                && codeMatches;
    }

    private Result move(CreateTransfer t, boolean pending, long ts) {
        if (!ownsSlot.test(Ids.slotOf(t.debitAccountId())) || !ownsSlot.test(Ids.slotOf(t.creditAccountId()))) {
            return Result.accounts_on_different_shards;
        }
        Acct dr = accounts.get(t.debitAccountId());
        Acct cr = accounts.get(t.creditAccountId());
        if (dr == null || cr == null) {
            return Result.account_not_found;
        }
        if (dr.ledger() != cr.ledger() || dr.ledger() != t.ledger()) {
            return Result.currency_mismatch;
        }
        if (dr.closed() || cr.closed()) {
            return Result.account_closed;
        }
        BigInteger amount = BigInteger.valueOf(t.amount());
        BigInteger drDebits = BigInteger.valueOf(dr.dp()).add(BigInteger.valueOf(dr.dpo())).add(amount);
        BigInteger crCredits = BigInteger.valueOf(cr.cp()).add(BigInteger.valueOf(cr.cpo())).add(amount);
        if (drDebits.compareTo(longMax) > 0 || crCredits.compareTo(longMax) > 0) {
            return Result.overflow;
        }
        if ((dr.flags() & AccountFlags.debitsMustNotExceedCredits) != 0
                && drDebits.compareTo(BigInteger.valueOf(dr.cpo())) > 0) {
            return Result.insufficient_funds;
        }
        if ((cr.flags() & AccountFlags.creditsMustNotExceedDebits) != 0
                && crCredits.compareTo(BigInteger.valueOf(cr.dpo())) > 0) {
            return Result.exceeds_debits;
        }
        long a = t.amount();
        accounts.put(dr.id(), pending ? dr.plus(a, 0, 0, 0) : dr.plus(0, a, 0, 0));
        accounts.put(cr.id(), pending ? cr.plus(0, 0, a, 0) : cr.plus(0, 0, 0, a));
        put(new Xfer(t, dr.id(), cr.id(), a, dr.ledger(), t.code(), ts,
                pending ? PendingStatus.pending : PendingStatus.none));
        return Result.ok;
    }

    private Result resolve(CreateTransfer t, boolean post, long ts, boolean platform) {
        Xfer p = transfers.get(t.pendingId());
        if (p == null) {
            return Result.pending_not_found;
        }
        if (!p.isPending()) {
            return Result.pending_transfer_not_pending;
        }
        if (p.status() == PendingStatus.posted) {
            return Result.pending_already_posted;
        }
        if (p.status() == PendingStatus.voided) {
            return Result.pending_already_voided;
        }
        if (p.status() == PendingStatus.expired) {
            return Result.pending_expired;
        }
        if (t.debitAccountId() != 0 && t.debitAccountId() != p.debit()
                || t.creditAccountId() != 0 && t.creditAccountId() != p.credit()) {
            return Result.pending_account_mismatch;
        }
        if (t.ledger() != 0 && t.ledger() != p.ledger()) {
            return Result.currency_mismatch;
        }
        if (p.expiredAt(ts)) {
            return Result.pending_expired;
        }
        Acct dr = accounts.get(p.debit());
        Acct cr = accounts.get(p.credit());
        long amount = p.amount();
        if (post) {
            if (t.amount() != 0) {
                amount = t.amount();
            }
            if (amount < 0 || amount > p.amount()) {
                return Result.exceeds_pending_amount;
            }
            if (!platform && (dr.closed() || cr.closed())) {
                return Result.account_closed;
            }
        } else if (t.amount() != 0 && t.amount() != p.amount()) {
            return Result.void_amount_must_match_pending;
        }
        long posted = post ? amount : 0;
        accounts.put(dr.id(), dr.plus(-p.amount(), posted, 0, 0));
        cr = accounts.get(p.credit());
        accounts.put(cr.id(), cr.plus(0, 0, -p.amount(), posted));
        put(p.with(post ? PendingStatus.posted : PendingStatus.voided));
        put(new Xfer(t, p.debit(), p.credit(), amount, p.ledger(), t.code() != 0 ? t.code() : p.code(), ts,
                PendingStatus.none));
        return Result.ok;
    }

    private void put(Xfer x) {
        transfers.put(x.request().id(), x);
        touched.add(x.request().id());
    }

    private Result tick(long ts) {
        List<Xfer> due = transfers.values().stream()
                .filter(x -> x.status() == PendingStatus.pending && x.expiredAt(ts)).toList();
        for (Xfer p : due) {
            accounts.put(p.debit(), accounts.get(p.debit()).plus(-p.amount(), 0, 0, 0));
            accounts.put(p.credit(), accounts.get(p.credit()).plus(0, 0, -p.amount(), 0));
            put(p.with(PendingStatus.expired));
            channels.expired(p.request().id(), ts);
        }
        return Result.ok;
    }

    private Result createUser(CreateUser u, long ts) {
        if (u.userId() == 0 || u.walletAccountId() == 0) {
            return Result.id_must_not_be_zero;
        }
        if (!Ids.isUserRange(u.userId()) || !Ids.isUserRange(u.walletAccountId())) {
            return Result.account_id_reserved;
        }
        if (Ids.slotOf(u.userId()) != Ids.slotOf(u.walletAccountId())) {
            return Result.account_id_not_in_owner_slot;
        }
        if (!ownsSlot.test(Ids.slotOf(u.userId()))) {
            return Result.accounts_on_different_shards;
        }
        if (Currency.ofLedger(u.walletLedger()) == null) {
            return Result.currency_mismatch;
        }
        if (users.containsKey(u.userId())) {
            return Result.user_exists;
        }
        if (accounts.containsKey(u.walletAccountId())) {
            return Result.exists_with_different_fields;
        }
        users.put(u.userId(), new Person(u.walletAccountId(), ts));
        accounts.put(u.walletAccountId(), new Acct(u.walletAccountId(), u.userId(), u.walletLedger(), 1,
                AccountFlags.debitsMustNotExceedCredits | AccountFlags.history, 0, ts, 0, 0, 0, 0));
        return Result.ok;
    }

    private Result createAccount(CreateAccount a, long ts) {
        int limits = AccountFlags.debitsMustNotExceedCredits | AccountFlags.creditsMustNotExceedDebits;
        if (a.id() == 0) {
            return Result.id_must_not_be_zero;
        }
        if ((a.flags() | AccountFlags.creatable) != AccountFlags.creatable) {
            return Result.flags_unknown;
        }
        if ((a.flags() & limits) == limits) {
            return Result.flags_are_mutually_exclusive;
        }
        if (a.code() == 0) {
            return Result.code_must_not_be_zero;
        }
        Acct e = accounts.get(a.id());
        if (e != null) {
            boolean same = e.owner() == a.ownerUserId() && e.ledger() == a.ledger() && e.code() == a.code()
                    && (e.flags() & ~AccountFlags.closed) == a.flags() && e.userData() == a.userData();
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        if (!Ids.isUserRange(a.id())) {
            return Result.account_id_reserved;
        }
        if (Ids.slotOf(a.id()) != Ids.slotOf(a.ownerUserId())) {
            return Result.account_id_not_in_owner_slot;
        }
        if (!ownsSlot.test(Ids.slotOf(a.id()))) {
            return Result.accounts_on_different_shards;
        }
        if (!users.containsKey(a.ownerUserId())) {
            return Result.user_not_found;
        }
        if (Currency.ofLedger(a.ledger()) == null) {
            return Result.currency_mismatch;
        }
        accounts.put(a.id(), new Acct(a.id(), a.ownerUserId(), a.ledger(), a.code(), a.flags(), a.userData(), ts,
                0, 0, 0, 0));
        return Result.ok;
    }

    private Result close(CloseAccount x) {
        Acct a = accounts.get(x.accountId());
        if (a == null) {
            return Result.account_not_found;
        }
        if (x.actingUserId() != 0 && x.actingUserId() != a.owner()) {
            return Result.account_not_owned;
        }
        if (a.owner() == 0) {
            return Result.account_platform_owned;
        }
        if (a.closed()) {
            return Result.account_already_closed;
        }
        accounts.put(a.id(), new Acct(a.id(), a.owner(), a.ledger(), a.code(), a.flags() | AccountFlags.closed,
                a.userData(), a.timestamp(), a.dp(), a.dpo(), a.cp(), a.cpo()));
        return Result.ok;
    }

    /** Per ledger, {debitsPosted, creditsPosted, debitsPending, creditsPending} summed exactly. */
    Map<Integer, BigInteger[]> exactTotals() {
        Map<Integer, BigInteger[]> out = new HashMap<>();
        for (Acct a : accounts.values()) {
            BigInteger[] t = out.computeIfAbsent(a.ledger(),
                    k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
            t[0] = t[0].add(BigInteger.valueOf(a.dpo()));
            t[1] = t[1].add(BigInteger.valueOf(a.cpo()));
            t[2] = t[2].add(BigInteger.valueOf(a.dp()));
            t[3] = t[3].add(BigInteger.valueOf(a.cp()));
        }
        return out;
    }
}
