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
 * closing and reopening accounts. Part of {@link ShardLedger}'s apply (same thread, same state); the
 * transfer rules are {@link TransferCommands}.
 */
final class AccountCommands {
    /** The account code of a user's wallet. */
    static final int walletCode = 1;

    private AccountCommands() {
    }

    static Result createUser(ShardLedger l, CreateUser u, long ts) {
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

    static Result createAccount(ShardLedger l, CreateAccount a, long ts) {
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

    static Result closeAccount(ShardLedger l, CloseAccount x) {
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
        a.flags |= AccountFlags.closed;
        return Result.ok;
    }

    /** An operator's reopening of a closed account: it takes part in transfers again. */
    static Result reopenAccount(ShardLedger l, ReopenAccount x) {
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
}
