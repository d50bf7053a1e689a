package io.atta.engine.ledger;

import io.atta.core.command.Command;
import io.atta.core.command.Result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One row of the ledger's result table ({@link ShardLedgerResultTableTest}): a situation
 * ({@code given}), a batch ({@code when}), the results it must give and how balances must move.
 */
final class ResultRow {
    /** A change of one account's balances: debits pending, debits posted, credits pending, credits posted. */
    record Delta(long account, long dp, long dpo, long cp, long cpo) {
    }

    final String name;
    Consumer<LedgerWorld> given = w -> { };
    Command[] batch;
    Result[] expected;
    final List<Delta> deltas = new ArrayList<>();
    final Set<Long> created = new TreeSet<>();
    final Set<Long> closed = new TreeSet<>();
    final Set<Long> reopened = new TreeSet<>();
    boolean decision;
    Consumer<LedgerWorld> then = w -> { };

    ResultRow(String name) {
        this.name = name;
    }

    ResultRow given(Consumer<LedgerWorld> g) {
        given = g;
        return this;
    }

    ResultRow when(Object... commands) {
        batch = Arrays.stream(commands)
                .map(c -> c instanceof TransferBuilder b ? b.build() : (Command) c)
                .toArray(Command[]::new);
        return this;
    }

    ResultRow expect(Result... results) {
        expected = results;
        return this;
    }

    ResultRow delta(long account, long dp, long dpo, long cp, long cpo) {
        deltas.add(new Delta(account, dp, dpo, cp, cpo));
        return this;
    }

    ResultRow creates(long accountId) {
        created.add(accountId);
        return this;
    }

    ResultRow closes(long accountId) {
        closed.add(accountId);
        return this;
    }

    ResultRow reopens(long accountId) {
        reopened.add(accountId);
        return this;
    }

    /**
     * The batch decides a transaction: an abort answers {@code transaction_aborted} and yet
     * voids pieces, so a batch without an {@code ok} is not a refusal that must change nothing.
     */
    ResultRow decision() {
        decision = true;
        return this;
    }

    ResultRow then(Consumer<LedgerWorld> t) {
        then = t;
        return this;
    }

    @Override
    public String toString() {
        return name;
    }

    static ResultRow row(String name) {
        return new ResultRow(name);
    }
}
