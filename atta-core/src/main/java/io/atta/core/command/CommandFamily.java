package io.atta.core.command;

import java.util.List;

/**
 * The commands one domain (one shard module: the ledger, transactions, trades, keys, a product)
 * owns, with their binary form. Families are listed once, in the build's module list; the batch
 * codec knows commands only through them, so a new product adds a family instead of editing
 * the codec.
 */
public interface CommandFamily {
    /** The domain's name, as in the module list and in error messages ("ledger", "trade", …). */
    String name();

    /** Every command type of the family, each with its stable code. */
    List<CommandType<?>> types();
}
