package io.atta.engine.ledger;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Adjust;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Operators' adjustments (the admin top-up and withdraw): a transfer between the shard's
 * bank-funding house account and a user's wallet, made through the ledger's transfer rules and
 * kept with the acting key and the reason. Part of {@link ShardLedger}'s apply.
 */
final class Adjustments {
    /** The transfer code of an adjustment into a wallet (as the admin top-up has always had). */
    static final int creditCode = 9001;
    /** The transfer code of an adjustment out of a wallet (as the admin withdraw has always had). */
    static final int debitCode = 9002;

    // Iterators allocated per use: concurrent readers iterate under the shared read lock.
    final Long2ObjectHashMap<Adjustment> byTransferId = new Long2ObjectHashMap<>(64, 0.65f, false);

    /**
     * Moves the money, once per transfer id: a repeat with the same user, amount, currency,
     * direction and reason is {@code exists} (whichever admin key sends it), anything else under
     * that id {@code exists_with_different_fields}. A debit may not take the wallet below zero.
     */
    Result adjust(ShardLedger l, Adjust a, long ts) {
        if (a.transferId() == 0) {
            return Result.id_must_not_be_zero;
        }
        Adjustment existing = byTransferId.get(a.transferId());
        if (existing != null) {
            boolean same = existing.userId() == a.userId() && existing.amount() == a.amount()
                    && existing.ledger() == a.ledger() && existing.credit() == a.credit()
                    && existing.reason().equals(a.reason());
            return same ? Result.exists : Result.exists_with_different_fields;
        }
        if (a.userId() > 0 && !l.ownsSlot.test(Ids.slotOf(a.userId()))) {
            return Result.accounts_on_different_shards;
        }
        User u = l.users.get(a.userId());
        if (u == null) {
            return Result.user_not_found;
        }
        Currency currency = Currency.ofLedger(a.ledger());
        if (currency == null) {
            return Result.currency_mismatch;
        }
        long bank = HouseAccount.bankFunding.id(l.homeSlot, currency);
        long wallet = u.walletAccountId();
        CreateTransfer t = a.credit()
                ? new CreateTransfer(a.transferId(), bank, wallet, a.amount(), a.ledger(), creditCode, 0, 0, 0, 0, 0)
                : new CreateTransfer(a.transferId(), wallet, bank, a.amount(), a.ledger(), debitCode, 0, 0, 0, 0, 0);
        Result r = TransferCommands.createTransfer(l, t, ts, false, null, 0);
        if (r == Result.ok) {
            byTransferId.put(a.transferId(), new Adjustment(a.transferId(), a.userId(), wallet, a.amount(), a.ledger(),
                    a.credit(), a.actingKeyId(), a.reason(), ts));
        }
        return r;
    }
}
