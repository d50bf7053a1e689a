package io.atta.core.command;

/**
 * Posts ({@code commit}) or voids a participant's prepared pieces of a transaction. Idempotent:
 * a participant with nothing prepared for it answers {@code ok} and changes nothing.
 */
public record ResolveTransaction(int coordinator, long txId, boolean commit) implements Command {
}
