package io.atta.cluster.transaction;

import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What {@link ReferenceShards} says a request may be answered: one fixed answer, or what a
 * transaction's record says, as the first request gets it or as a repeat does ({@code exists}
 * for a commit).
 */
final class Expectation {
    /**
     * A decided transaction on its coordinator: the legs as sent and what the first request may be
     * answered — all {@code ok}, or a refusal; two refusals when two participants refuse the same
     * leg, until the first answer shows the one recorded.
     */
    static final class Decided {
        final CreateTransfer[] legs;
        List<Result[]> answers;

        Decided(CreateTransfer[] legs, List<Result[]> answers) {
            this.legs = legs;
            this.answers = answers;
        }
    }

    private final Result[] fixed;
    private final Decided decided;
    private final boolean repeat;

    private Expectation(Result[] fixed, Decided decided, boolean repeat) {
        this.fixed = fixed;
        this.decided = decided;
        this.repeat = repeat;
    }

    static Expectation of(Result[] fixed) {
        return new Expectation(fixed, null, false);
    }

    static Expectation firstOf(Decided decided) {
        return new Expectation(null, decided, false);
    }

    static Expectation repeatOf(Decided decided) {
        return new Expectation(null, decided, true);
    }

    /** As if the transaction were begun by this request: a commit answers {@code ok}. */
    Expectation asFirst() {
        return new Expectation(fixed, decided, false);
    }

    List<Result[]> options() {
        if (fixed != null) {
            return Collections.singletonList(fixed);
        }
        return decided.answers.stream().map(a -> repeat && a[0] == Result.ok ? exists(a.length) : a).toList();
    }

    boolean accepts(Result[] actual) {
        return options().stream().anyMatch(o -> Arrays.equals(o, actual));
    }

    /** The answer came: where it could be one of two refusals, it is now the one recorded. */
    void settle(Result[] actual) {
        if (decided != null && decided.answers.size() > 1) {
            decided.answers = decided.answers.stream().filter(a -> Arrays.equals(a, actual)).toList();
        }
    }

    private static Result[] exists(int n) {
        Result[] out = new Result[n];
        Arrays.fill(out, Result.exists);
        return out;
    }

    @Override
    public String toString() {
        return options().stream().map(Arrays::toString).toList().toString();
    }
}
