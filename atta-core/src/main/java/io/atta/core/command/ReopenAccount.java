package io.atta.core.command;

/** Reopens a closed account (an operator's action): it takes part in transfers again. */
public record ReopenAccount(long accountId) implements Command {
}
