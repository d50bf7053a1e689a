package io.atta.server.channels;

import io.atta.core.command.Command;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.Result;
import io.atta.engine.channel.Channel;
import io.atta.server.http.ApiException;
import io.atta.server.http.ServerLedger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Channels as their home shard records them, kept once read: a channel never changes after it is
 * created, so a kept record cannot go stale. Also copies a channel to a shard that lacks it (a
 * shard whose copy of the creation was not applied yet), from the home record.
 */
final class ChannelDirectory {
    private final ServerLedger ledger;
    private final ConcurrentHashMap<Long, Channel> channels = new ConcurrentHashMap<>();

    ChannelDirectory(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** The channel from its home shard, or a future failed with 404 naming {@code field}. */
    CompletableFuture<Channel> channel(long channelId, String field) {
        Channel kept = channels.get(channelId);
        if (kept != null) {
            return CompletableFuture.completedFuture(kept);
        }
        return ledger.read(channelId, l -> l.channels().channel(channelId)).thenApply(c -> {
            if (c == null) {
                throw new ApiException(404, "not_found", "no channel " + channelId, field);
            }
            channels.putIfAbsent(channelId, c);
            return c;
        });
    }

    /**
     * Submits a channel's command to a shard; when that shard does not know the channel yet, applies
     * the channel's creation there first (copied from the home record) and submits once more.
     */
    CompletableFuture<Result> submitWithChannel(Channel channel, int shard, Supplier<Command> command) {
        return submit(shard, command.get()).thenCompose(r -> {
            if (r != Result.channel_not_found) {
                return CompletableFuture.completedFuture(r);
            }
            return copyTo(channel, shard).thenCompose(v -> submit(shard, command.get()));
        });
    }

    /** Applies the channel's creation on {@code shard}; {@code exists} there is as good as done. */
    CompletableFuture<Void> copyTo(Channel channel, int shard) {
        CreateChannel create = new CreateChannel(channel.channelId(), channel.name(), channel.ledger());
        return submit(shard, create).thenAccept(r -> {
            if (r != Result.ok && r != Result.exists) {
                throw new IllegalStateException("shard " + shard + " refused channel " + channel.channelId()
                        + ": " + r.apiName());
            }
        });
    }

    private CompletableFuture<Result> submit(int shard, Command c) {
        return ledger.submit(shard, new Command[] {c}).thenApply(rs -> rs[0]);
    }
}
