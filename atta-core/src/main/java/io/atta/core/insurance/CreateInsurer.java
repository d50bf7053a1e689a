package io.atta.core.insurance;

import io.atta.core.command.Command;

/**
 * Creates an insurer on one shard (the edge applies it on every shard, shard 0 first): its
 * terms and its two platform accounts there, premium and claims. Applying the same terms again
 * is {@code exists}.
 *
 * @param ownerUserId        the insurer's own user: its {@code insurer} keys read the statements
 * @param settlementWalletId that user's wallet, where settlement sweeps premiums and collects claims paid
 */
public record CreateInsurer(String code, String name, int ledger, long ownerUserId, long settlementWalletId)
        implements Command {
    public CreateInsurer {
        code = code == null ? "" : code;
        name = name == null ? "" : name;
    }
}
