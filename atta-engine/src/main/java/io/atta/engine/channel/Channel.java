package io.atta.engine.channel;

/** A funding channel as one shard knows it; its clearing account on that shard is {@link ChannelAccounts}. */
public record Channel(long channelId, String name, int ledger, long createdAt) {
}
