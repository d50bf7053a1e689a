package io.atta.cluster.transaction;

import io.atta.core.TransferFlags;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.PrepareTransaction;

/** Commands as {@link MultiShardModelTest}'s failure messages show them: transfers short, legs spelled out. */
final class CommandText {
    private CommandText() {
    }

    static String of(Command c) {
        if (c instanceof CreateTransfer t) {
            return "transfer(" + t.id() + ": " + t.debitAccountId() + "->" + t.creditAccountId() + " " + t.amount()
                    + " ledger " + t.ledger() + ((t.flags() & TransferFlags.linked) != 0 ? " linked)" : ")");
        } else if (c instanceof BeginTransaction b) {
            return "Begin(" + b.txId() + ", participants " + Long.toBinaryString(b.participants()) + ", "
                    + of(b.legs()) + ")";
        } else if (c instanceof PrepareTransaction p) {
            return "Prepare(coordinator " + p.coordinator() + ", " + p.txId() + ", " + of(p.legs()) + ")";
        }
        return c.toString();
    }

    static String of(Command[] commands) {
        StringBuilder b = new StringBuilder("[");
        for (Command c : commands) {
            b.append(b.length() == 1 ? "" : ", ").append(of(c));
        }
        return b.append(']').toString();
    }
}
