package io.atta.engine.ledger;

import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateUser;
import io.atta.core.command.ReopenAccount;
import io.atta.core.command.Result;

/**
 * The ledger's rules for users and accounts: creating a user with its wallet, creating,
 * closing and reopening accounts (closing only an account nothing needs any more: empty,
 * nothing pending, no merchant settling into it, no open trade of its owner to refund into it).
 * Part of the {@link LedgerModule}'s apply (same thread, same state); the
 * transfer rules are {@link TransferCommands}.
 */
final class AccountCommands {
    /** The account code of a user's wallet. */
    static final int walletCode = 1;

    private AccountCommands() {
    }

    static Result createUser(LedgerModule l, CreateUser u, long ts) {
        if (u.userId() == 0 || u.walletAccountId() == 0) {
            return Result.id_must_not_be_zero;
        }
        if (!Ids.isUserRange(u.userId()) || !Ids.isUserRange(u.walletAccountId())) {
            return Result.account_id_reserved;
        }
        if (Ids.slotOf(u.walletAccountId()) != Ids.slotOf(u.userId())) {
            return Result.account_id_not_in_owner_slot;
        }
        if (!l.ownsSlot.test(Ids.slotOf(u.userId()))) {
            return Result.accounts_on_different_shards;
        }
        if (Currency.ofLedger(u.walletLedger()) == null) {
            return Result.currency_mismatch;
        }
        if (l.users.containsKey(u.userId())) {
            return Result.user_exists;
        }
        if (l.accounts.containsKey(u.walletAccountId())) {
            return Result.exists_with_different_fields;
        }
        l.users.put(u.userId(), new User(u.userId(), u.walletAccountId(), u.tokenHash0(), u.tokenHash1(),
                u.tokenHash2(), u.tokenHash3(), ts));
        l.accounts.put(u.walletAccountId(), new Account(u.walletAccountId(), u.userId(), u.walletLedger(), walletCode,
                AccountFlags.debitsMustNotExceedCredits | AccountFlags.history, 0, ts));
        return Result.ok;
    }

    static Result createAccount(LedgerModule l, CreateAccount a, long ts) {
        if (a.id() == 0) {
            return Result.id_must_not_be_zero;
        }
        if ((a.flags() & ~AccountFlags.creatable) != 0) {
            return Result.flags_unknown;
        }
        int limits = AccountFlags.debitsMustNotExceedCredits | AccountFlags.creditsMustNotExceedDebits;
        if ((a.flags() & limits) == limits) {
            return Result.flags_are_mutually_exclusive;
        }
        if (a.code() == 0) {
            return Result.code_must_not_be_zero;
        }
        Account existing = l.accounts.get(a.id());
        if (existing != null) {
            boolean same = existing.ownerUserId == a.ownerUserId() && existing.ledger == a.ledger()
                    && existing.code == a.code() && (existing.flags & ~AccountFlags.closed) == a.flags()
                    && existing.userData == a.userData();
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        if (!Ids.isUserRange(a.id())) {
            return Result.account_id_reserved;
        }
        if (Ids.slotOf(a.id()) != Ids.slotOf(a.ownerUserId())) {
            return Result.account_id_not_in_owner_slot;
        }
        if (!l.ownsSlot.test(Ids.slotOf(a.id()))) {
            return Result.accounts_on_different_shards;
        }
        if (!l.users.containsKey(a.ownerUserId())) {
            return Result.user_not_found;
        }
        if (Currency.ofLedger(a.ledger()) == null) {
            return Result.currency_mismatch;
        }
        l.accounts.put(a.id(), new Account(a.id(), a.ownerUserId(), a.ledger(), a.code(), a.flags(), a.userData(), ts));
        return Result.ok;
    }

    static Result closeAccount(LedgerModule l, CloseAccount x) {
        Account a = l.accounts.get(x.accountId());
        if (a == null) {
            return Result.account_not_found;
        }
        if (x.actingUserId() != 0 && a.ownerUserId != x.actingUserId()) {
            return Result.account_not_owned;
        }
        if (a.ownerUserId == 0) {
            return Result.account_platform_owned;
        }
        if (a.isClosed()) {
            return Result.account_already_closed;
        }
        Result inUse = stillNeeded(l, a);
        if (inUse != Result.ok) {
            return inUse;
        }
        a.flags |= AccountFlags.closed;
        return Result.ok;
    }

    /** An operator's reopening of a closed account: it takes part in transfers again. */
    static Result reopenAccount(LedgerModule l, ReopenAccount x) {
        Account a = l.accounts.get(x.accountId());
        if (a == null) {
            return Result.account_not_found;
        }
        if (!a.isClosed()) {
            return Result.account_not_closed;
        }
        a.flags &= ~AccountFlags.closed;
        return Result.ok;
    }

    /**
     * Why an open account cannot be closed yet, or ok: money still in it or on its way (a closed
     * account takes no new transfer, so it would be stuck there), or a rule that may still pay
     * into it. The order is the refusal's precedence.
     */
    private static Result stillNeeded(LedgerModule l, Account a) {
        Result used = l.usedByADomain(a);
        if (used != Result.ok) {
            return used;
        }
        if (a.debitsPending != 0 || a.creditsPending != 0) {
            return Result.account_has_pending;
        }
        if (a.debitsPosted != a.creditsPosted) {
            return Result.account_has_balance;
        }
        User owner = l.users.get(a.ownerUserId);
        if (owner != null && owner.walletAccountId() == a.id) {
            return l.walletNeededByADomain(a.ownerUserId);
        }
        return Result.ok;
    }
}
