package io.atta.core.credit;

import io.atta.core.command.Command;

/**
 * Turns a statement not yet due and not yet paid into {@code months} monthly installments
 * (3, 6, 9 or 12) with the fee of {@link CreditTerms#installmentFee}.
 *
 * @param period the statement's month, {@code year × 100 + month}
 */
public record InstallStatement(long userId, int period, int months) implements Command {
}
