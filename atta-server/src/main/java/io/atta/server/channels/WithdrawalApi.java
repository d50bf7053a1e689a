package io.atta.server.channels;

import io.atta.core.Currency;
import io.atta.core.DerivedIds;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.command.Command;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.ResolveWithdrawal;
import io.atta.core.command.Result;
import io.atta.engine.channel.WithdrawalRecord;
import io.atta.engine.channel.WithdrawalStatus;
import io.atta.server.auth.Caller;
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
 * Withdrawals (docs/API.md, Withdrawals): the user asks, the amount is held in its wallet as a
 * pending transfer to the channel's clearing account, and the channel's key confirms (posted:
 * the money left) or fails it (voided: the money is back); unanswered, it expires and is voided.
 */
final class WithdrawalApi {
    /** Longest text a channel gives with its answer (its reference, or why it failed). */
    static final int maxAnswerTextLength = 256;
    private static final Set<String> requestFields = Set.of("amount", "currency", "channel_id", "request_id",
            "timeout_seconds");
    private static final Set<String> confirmFields = Set.of("channel_ref");
    private static final Set<String> failFields = Set.of("reason");
    private static final Set<String> listQuery = Set.of("limit", "after", "status");

    private final ServerLedger ledger;
    private final ChannelDirectory directory;

    WithdrawalApi(ServerLedger ledger, ChannelDirectory directory) {
        this.ledger = ledger;
        this.directory = directory;
    }

    /** The withdrawal's id (its pending transfer's), in the user's slot. */
    static long withdrawalId(long userId, String requestId) {
        return Ids.platformId(Ids.slotOf(userId), DerivedIds.of("withdrawal:" + userId + ":" + requestId));
    }

    /**
     * {@code POST /v1/users/{id}/withdrawals} (the user, admin): 202 with the pending withdrawal;
     * a repeat answers 200 with where it stands now.
     */
    CompletableFuture<Reply> request(ApiCall call) {
        long userId = ChannelRoutes.userInPath(call);
        Fields body = Fields.of(Json.object(call.body(), false), "", requestFields);
        Currency currency = body.currency("currency");
        long amount = body.positiveAmount("amount", currency);
        long channelId = body.id("channel_id");
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        int timeout = body.integer("timeout_seconds", 1, Limits.maxTimeoutSeconds, Limits.defaultWithdrawalTimeoutSeconds,
                "maxTimeoutSeconds");
        long withdrawalId = withdrawalId(userId, requestId);
        int shard = ledger.shardOf(userId);
        return ChannelRoutes.requireUser(ledger, userId).thenCompose(v -> directory.channel(channelId, "channel_id"))
                .thenCompose(channel -> {
                    ChannelRoutes.requireCurrency(channel, currency);
                    return directory.submitWithChannel(channel, shard, () -> new RequestWithdrawal(withdrawalId,
                            channelId, userId, amount, currency.ledger(), timeout, requestId));
                }).thenCompose(r -> {
                    if (r != Result.ok && r != Result.exists) {
                        throw ApiException.refused(r);
                    }
                    return record(withdrawalId).thenApply(w -> Reply.object(r == Result.ok ? 202 : 200, g -> {
                        ChannelJson.withdrawal(g, w);
                        g.writeStringField("result", r.apiName());
                    }));
                });
    }

    /** {@code GET /v1/withdrawals/{withdrawal_id}} (its user, its channel, admin). */
    CompletableFuture<Reply> get(ApiCall call) {
        long withdrawalId = call.pathId("withdrawal_id");
        Caller caller = call.caller();
        return record(withdrawalId).thenApply(w -> {
            if (!caller.mayActFor(w.userId()) && !caller.mayActForChannel(w.channelId())) {
                throw ApiException.forbidden("this key may not see withdrawal " + withdrawalId, null);
            }
            return Reply.ok(g -> ChannelJson.withdrawal(g, w));
        });
    }

    /** {@code POST /v1/withdrawals/{withdrawal_id}/confirm} (its channel's key): the money left; posted. */
    CompletableFuture<Reply> confirm(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", confirmFields);
        return resolve(call, true, answerText(body, "channel_ref", true));
    }

    /** {@code POST /v1/withdrawals/{withdrawal_id}/fail} (its channel's key): it did not; voided. */
    CompletableFuture<Reply> fail(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), true), "", failFields);
        return resolve(call, false, answerText(body, "reason", false));
    }

    private static String answerText(Fields body, String field, boolean required) {
        if (!required && !body.has(field)) {
            return "";
        }
        String text = body.string(field);
        if ((required && text.isBlank()) || text.length() > maxAnswerTextLength) {
            throw ApiException.invalidField(field, "must be " + (required ? 1 : 0) + " to " + maxAnswerTextLength
                    + " characters (maxAnswerTextLength)");
        }
        return text;
    }

    /**
     * Answers a withdrawal for the calling channel. The same answer again is 200 {@code exists}
     * (a channel retries); the other answer after the first, or any after expiry, is 409
     * {@code withdrawal_not_pending}; another channel's withdrawal is 404, as one that does not exist.
     */
    private CompletableFuture<Reply> resolve(ApiCall call, boolean confirm, String text) {
        long withdrawalId = call.pathId("withdrawal_id");
        long channelId = call.caller().ownerId();
        ResolveWithdrawal command = new ResolveWithdrawal(withdrawalId, channelId, confirm, text);
        return ledger.submit(ledger.shardOf(withdrawalId), new Command[] {command}).thenCompose(rs -> {
            Result r = rs[0];
            if (r == Result.withdrawal_not_found) {
                throw notFound(withdrawalId);
            }
            if (r != Result.ok && r != Result.exists && r != Result.withdrawal_not_pending) {
                throw ApiException.refused(r);
            }
            return record(withdrawalId).thenApply(w -> {
                WithdrawalStatus wanted = confirm ? WithdrawalStatus.confirmed : WithdrawalStatus.failed;
                if (r == Result.withdrawal_not_pending && w.status() != wanted) {
                    // A pending one refused here has passed its expiry; the next tick voids it.
                    String now = w.status() == WithdrawalStatus.pending ? "expired" : w.status().name();
                    throw new ApiException(409, Result.withdrawal_not_pending.apiName(), "withdrawal "
                            + withdrawalId + " is " + now + ", no longer pending", null);
                }
                Result shown = r == Result.ok ? Result.ok : Result.exists;
                return Reply.ok(g -> {
                    ChannelJson.withdrawal(g, w);
                    g.writeStringField("result", shown.apiName());
                });
            });
        });
    }

    /** {@code GET /v1/users/{id}/withdrawals?status=} (the user, admin): newest first. */
    CompletableFuture<Reply> listOfUser(ApiCall call) {
        long userId = ChannelRoutes.userInPath(call);
        ListPage.Query page = ListPage.Query.of(call, listQuery);
        WithdrawalStatus status = status(call.query("status", listQuery));
        return ChannelRoutes.requireUser(ledger, userId).thenCompose(v -> ListPage.acrossShards(ledger,
                new int[] {ledger.shardOf(userId)}, l -> l.channels().withdrawalsOf(userId).stream()
                        .filter(w -> status == null || w.status() == status).toList(),
                WithdrawalRecord::createdAt, WithdrawalRecord::withdrawalId, page))
                .thenApply(shown -> shown.reply("withdrawals", ChannelJson::withdrawal));
    }

    /** {@code GET /v1/channels/{channel_id}/withdrawals?status=} (that channel, admin): newest first, every shard. */
    CompletableFuture<Reply> listOfChannel(ApiCall call) {
        long channelId = ChannelRoutes.channelInPath(call);
        ListPage.Query page = ListPage.Query.of(call, listQuery);
        WithdrawalStatus status = status(call.query("status", listQuery));
        return directory.channel(channelId, null).thenCompose(c -> ListPage.acrossShards(ledger,
                ListPage.allShards(ledger), l -> l.channels().withdrawals(channelId, 0, Long.MAX_VALUE, status),
                WithdrawalRecord::createdAt, WithdrawalRecord::withdrawalId, page))
                .thenApply(shown -> shown.reply("withdrawals", ChannelJson::withdrawal));
    }

    private static WithdrawalStatus status(String text) {
        if (text == null) {
            return null;
        }
        for (WithdrawalStatus s : WithdrawalStatus.values()) {
            if (s.name().equals(text)) {
                return s;
            }
        }
        throw ApiException.invalidField("status", "must be one of pending, confirmed, failed, expired");
    }

    private CompletableFuture<WithdrawalRecord> record(long withdrawalId) {
        return ledger.read(withdrawalId, l -> l.channels().withdrawal(withdrawalId)).thenApply(w -> {
            if (w == null) {
                throw notFound(withdrawalId);
            }
            return w;
        });
    }

    private static ApiException notFound(long withdrawalId) {
        return ApiException.notFound("no withdrawal " + withdrawalId);
    }
}
