package io.atta.cluster.transaction;

import io.atta.core.Ids;
import io.atta.core.command.CloseAccount;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;

import java.util.HashSet;
import java.util.Set;

/**
 * One request of {@link RandomOperations}: commands for one shard ({@code shard >= 0}), or legs for
 * the transaction coordinator. An {@code inFlightRepeat} asks again for a transaction still in
 * flight; it changes nothing, so it holds no accounts or ids.
 */
record Operation(int number, String kind, int shard, CreateTransfer[] legs, Command[] commands,
                 boolean inFlightRepeat) {
    boolean direct() {
        return shard >= 0;
    }

    Operation numbered(int n) {
        return new Operation(n, kind, shard, legs, commands, inFlightRepeat);
    }

    /** The user accounts it touches: no other unanswered request may touch them. */
    Set<Long> accounts() {
        Set<Long> out = new HashSet<>();
        for (CreateTransfer t : legs) {
            addUserAccount(out, t.debitAccountId());
            addUserAccount(out, t.creditAccountId());
        }
        for (Command c : direct() ? commands : new Command[0]) {
            if (c instanceof CreateUser u) {
                out.add(u.walletAccountId());
            } else if (c instanceof CreateAccount a) {
                out.add(a.id());
            } else if (c instanceof CloseAccount x) {
                out.add(x.accountId());
            } else if (c instanceof CreateTransfer t) {
                addUserAccount(out, t.debitAccountId());
                addUserAccount(out, t.creditAccountId());
            }
        }
        return out;
    }

    private static void addUserAccount(Set<Long> out, long id) {
        if (Ids.isUserRange(id)) {
            out.add(id);
        }
    }

    /** The transfer ids it uses: no other unanswered request may use them. */
    Set<Long> ids() {
        Set<Long> out = new HashSet<>();
        for (CreateTransfer t : legs) {
            out.add(t.id());
        }
        for (Command c : direct() ? commands : new Command[0]) {
            if (c instanceof CreateTransfer t) {
                out.add(t.id());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "#" + number + " " + kind + (direct() ? " on shard " + shard + ": "
                + CommandText.of(commands) : " as a transaction: " + CommandText.of(legs));
    }
}
