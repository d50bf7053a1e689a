package io.atta.core.lending;

import io.atta.core.command.Command;

/**
 * Records a lender (a partner bank) on one shard and opens its two platform accounts there, in
 * the shard's home slot: {@code funding} (what it lends on this shard, fed by channel deposits,
 * paid back by principal repayments) and {@code income} (interest and penalties received). The
 * edge applies it on every shard; the same terms again are {@code exists}.
 *
 * @param lenderId the lender's id, drawn by the edge in the user range of a slot (its keys live there)
 */
public record CreateLender(long lenderId, String name, int ledger) implements Command {
    public CreateLender {
        name = name == null ? "" : name;
    }
}
