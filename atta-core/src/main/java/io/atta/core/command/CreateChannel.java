package io.atta.core.command;

/**
 * Creates a funding channel (a bank or payment-channel integration) on one shard: the shard
 * records the channel and opens its clearing account there, the platform's position at that
 * channel (debited by deposits, credited by withdrawals). The edge applies it on every shard,
 * the channel's home shard first; applying it again is {@code exists}.
 */
public record CreateChannel(long channelId, String name, int ledger) implements Command {
    public CreateChannel {
        name = name == null ? "" : name;
    }
}
