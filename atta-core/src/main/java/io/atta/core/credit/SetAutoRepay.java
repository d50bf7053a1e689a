package io.atta.core.credit;

import io.atta.core.command.Command;

/** The user turns automatic repayment on the due date (wallet, then fund) on or off. */
public record SetAutoRepay(long userId, boolean enabled) implements Command {
}
