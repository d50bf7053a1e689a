package io.atta.server.channels;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.DerivedIds;
import io.atta.core.Ids;
import io.atta.core.command.Deposit;
import io.atta.core.command.Result;
import io.atta.engine.channel.DepositRecord;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.ListPage;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Deposits (docs/API.md, Deposits): money a channel received for a user enters the user's
 * wallet from the channel's clearing account on the user's shard. Only the channel's key posts
 * one. Its id comes from (channel, channel_ref), so the channel's retry is {@code exists}.
 */
final class DepositApi {
    private static final Set<String> depositFields = Set.of("user_id", "amount", "currency", "channel_ref");
    private static final Set<String> pageQuery = Set.of("limit", "after");

    private final ServerLedger ledger;
    private final ChannelDirectory directory;

    DepositApi(ServerLedger ledger, ChannelDirectory directory) {
        this.ledger = ledger;
        this.directory = directory;
    }

    /** The deposit's transfer id, in the user's slot (unique platform-wide). */
    static long depositId(long channelId, String channelRef, long userId) {
        return Ids.platformId(Ids.slotOf(userId), DerivedIds.of("deposit:" + channelId + ":" + channelRef));
    }

    /**
     * {@code POST /v1/channels/{channel_id}/deposits} (that channel's key): 201 with the deposit,
     * 200 {@code exists} for a repeat.
     */
    CompletableFuture<Reply> create(ApiCall call) {
        long channelId = ChannelRoutes.channelInPath(call);
        Fields body = Fields.of(Json.object(call.body(), false), "", depositFields);
        long userId = body.id("user_id");
        Currency currency = body.currency("currency");
        long amount = body.positiveAmount("amount", currency);
        String channelRef = ValueText.requestId(body.string("channel_ref"), "channel_ref");
        long depositId = depositId(channelId, channelRef, userId);
        int shard = ledger.shardOf(userId);
        return directory.channel(channelId, null).thenCompose(channel -> {
            ChannelRoutes.requireCurrency(channel, currency);
            return directory.submitWithChannel(channel, shard,
                    () -> new Deposit(depositId, channelId, userId, amount, currency.ledger(), channelRef));
        }).thenApply(r -> {
            if (r == Result.user_not_found) {
                throw new ApiException(404, "not_found", "no user " + userId, "user_id");
            }
            if (r != Result.ok && r != Result.exists) {
                throw ApiException.refused(r);
            }
            return Reply.object(r == Result.ok ? 201 : 200, g -> {
                g.writeStringField("deposit_id", Long.toString(depositId));
                g.writeStringField("result", r.apiName());
                g.writeStringField("channel_id", Long.toString(channelId));
                g.writeStringField("user_id", Long.toString(userId));
                g.writeStringField("amount", Amounts.format(amount, currency));
                g.writeStringField("currency", currency.name());
                g.writeStringField("channel_ref", channelRef);
            });
        });
    }

    /** {@code GET /v1/channels/{channel_id}/deposits} (that channel, admin): newest first, over every shard. */
    CompletableFuture<Reply> listOfChannel(ApiCall call) {
        long channelId = ChannelRoutes.channelInPath(call);
        ListPage.Query page = ListPage.Query.of(call, pageQuery);
        return directory.channel(channelId, null).thenCompose(c -> ListPage.acrossShards(ledger,
                ListPage.allShards(ledger), l -> l.channels().deposits(channelId, 0, Long.MAX_VALUE),
                DepositRecord::createdAt, DepositRecord::transferId, page))
                .thenApply(shown -> shown.reply("deposits", ChannelJson::deposit));
    }

    /** {@code GET /v1/users/{id}/deposits} (the user, admin): newest first. */
    CompletableFuture<Reply> listOfUser(ApiCall call) {
        long userId = ChannelRoutes.userInPath(call);
        ListPage.Query page = ListPage.Query.of(call, pageQuery);
        return ChannelRoutes.requireUser(ledger, userId).thenCompose(v -> ListPage.acrossShards(ledger,
                new int[] {ledger.shardOf(userId)}, l -> l.channels().depositsOf(userId),
                DepositRecord::createdAt, DepositRecord::transferId, page))
                .thenApply(shown -> shown.reply("deposits", ChannelJson::deposit));
    }
}
