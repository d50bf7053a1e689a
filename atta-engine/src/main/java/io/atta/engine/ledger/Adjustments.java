package io.atta.engine.ledger;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.TransferCodes;
import io.atta.core.command.Adjust;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Operators' adjustments (the admin top-up and withdraw): a transfer between the shard's
 * bank-funding house account and a user's wallet, made through the ledger's transfer rules and
 * kept with the acting key and the reason. Part of the {@link LedgerModule}'s apply.
 */
final class Adjustments {
    /** The transfer code of an adjustment into a wallet (as the admin top-up has always had). */
    static final int creditCode = TransferCodes.topUp;
    /** The transfer code of an adjustment out of a wallet (as the admin withdraw has always had). */
    static final int debitCode = TransferCodes.withdraw;

    // Iterators allocated per use: concurrent readers iterate under the shared read lock.
    final Long2ObjectHashMap<Adjustment> byTransferId = new Long2ObjectHashMap<>(64, 0.65f, false);

    /**
     * Moves the money, once per transfer id: a repeat with the same user, amount, currency,
     * direction and reason is {@code exists} (whichever admin key sends it), anything else under
     * that id {@code exists_with_different_fields}. A debit may not take the wallet below zero.
     */
    Result adjust(LedgerModule l, Adjust a, long ts) {
        if (a.transferId() == 0) {
            return Result.id_must_not_be_zero;
        }
        if (a.transferId() < 0) {
            return Result.transfer_id_reserved;
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
        // Its own group: the transfer's undo entries must not outlive it into a later chain's rollback.
        l.batch.beginGroup();
        Result r = TransferCommands.derivedTransfer(l, t, ts);
        if (r != Result.ok) {
            l.batch.rollBackGroup();
        }
        l.batch.endGroup();
        if (r == Result.ok) {
            byTransferId.put(a.transferId(), new Adjustment(a.transferId(), a.userId(), wallet, a.amount(), a.ledger(),
                    a.credit(), a.actingKeyId(), a.reason(), ts));
        }
        return r;
    }

    /** Writes the adjustments in transfer id order (equal state, equal bytes: {@link StateHash} hashes them). */
    void write(DataOutput out) throws IOException {
        List<Long> ids = new ArrayList<>(byTransferId.keySet());
        Collections.sort(ids);
        out.writeInt(ids.size());
        for (long id : ids) {
            Adjustment a = byTransferId.get(id);
            out.writeLong(a.transferId());
            out.writeLong(a.userId());
            out.writeLong(a.walletAccountId());
            out.writeLong(a.amount());
            out.writeInt(a.ledger());
            out.writeBoolean(a.credit());
            out.writeLong(a.actingKeyId());
            out.writeUTF(a.reason());
            out.writeLong(a.createdAt());
        }
    }

    /** Replaces the adjustments with those {@link #write} wrote. */
    void read(DataInput in) throws IOException {
        byTransferId.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            Adjustment a = new Adjustment(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readInt(),
                    in.readBoolean(), in.readLong(), in.readUTF(), in.readLong());
            byTransferId.put(a.transferId(), a);
        }
    }
}
