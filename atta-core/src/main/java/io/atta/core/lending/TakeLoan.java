package io.atta.core.lending;

import io.atta.core.command.Command;

/**
 * Borrows {@code amount} (minor units) over {@code months} from {@code lenderId}'s funding on the
 * user's shard, disbursed into the wallet in the same command. The daily rate and the limit come
 * from the user's credit score at the command's time ({@link LoanRateTable}). The loan's id is
 * derived from the user and the request id, so a repeat names the same loan.
 */
public record TakeLoan(long userId, String requestId, long lenderId, long amount, int months,
                       RepaymentMethod method) implements Command {
    public TakeLoan {
        requestId = requestId == null ? "" : requestId;
    }
}
