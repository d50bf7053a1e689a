package io.atta.server.channels;

import io.atta.core.Currency;
import io.atta.engine.channel.Channel;
import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.RouteTable;
import io.atta.server.http.ServerLedger;

import java.util.concurrent.CompletableFuture;

/**
 * The routes of funding channels, deposits, withdrawals and statements (docs/API.md; the roles
 * each admits are in docs/SECURITY.md). Money in or out is confirmed by a channel's key alone
 * ({@link Roles#channelOnly}); an operator adjusts through the admin top-up and withdraw instead.
 */
public final class ChannelRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        ServerLedger ledger = context.ledger();
        ChannelDirectory directory = new ChannelDirectory(ledger);
        ChannelApi channels = new ChannelApi(ledger, directory);
        DepositApi deposits = new DepositApi(ledger, directory);
        WithdrawalApi withdrawals = new WithdrawalApi(ledger, directory);
        StatementApi statements = new StatementApi(ledger, directory);
        r.post("/v1/channels", Roles.admin, channels::create);
        r.get("/v1/channels", Roles.admin, channels::list);
        r.get("/v1/channels/{channel_id}", Roles.channel, channels::get);
        r.post("/v1/channels/{channel_id}/deposits", Roles.channelOnly, deposits::create);
        r.get("/v1/channels/{channel_id}/deposits", Roles.channel, deposits::listOfChannel);
        r.get("/v1/channels/{channel_id}/withdrawals", Roles.channel, withdrawals::listOfChannel);
        r.get("/v1/channels/{channel_id}/statement", Roles.channel, statements::get);

        r.get("/v1/users/{id}/deposits", Roles.holder, deposits::listOfUser);
        r.post("/v1/users/{id}/withdrawals", Roles.holder, withdrawals::request);
        r.get("/v1/users/{id}/withdrawals", Roles.holder, withdrawals::listOfUser);

        // Its user, its channel or an operator reads one; only its channel answers it.
        r.get("/v1/withdrawals/{withdrawal_id}", Roles.any, withdrawals::get);
        r.post("/v1/withdrawals/{withdrawal_id}/confirm", Roles.channelOnly, withdrawals::confirm);
        r.post("/v1/withdrawals/{withdrawal_id}/fail", Roles.channelOnly, withdrawals::fail);
    }

    /** The channel in the path, when the caller is that channel (or an operator); 403 otherwise. */
    static long channelInPath(ApiCall call) {
        long channelId = call.pathId("channel_id");
        if (!call.caller().mayActForChannel(channelId)) {
            throw ApiException.forbidden("this key may not act for channel " + channelId, null);
        }
        return channelId;
    }

    /** The user in the path, when the caller may act for it (itself, or an operator); 403 otherwise. */
    static long userInPath(ApiCall call) {
        long userId = call.pathId("id");
        if (!call.caller().mayActFor(userId)) {
            throw ApiException.forbidden("this key may not act on user " + userId, null);
        }
        return userId;
    }

    /** Completes when the user exists; 404 otherwise. */
    static CompletableFuture<Void> requireUser(ServerLedger ledger, long userId) {
        return ledger.read(userId, l -> l.user(userId) != null).thenAccept(found -> {
            if (!found) {
                throw ApiException.notFound("no user " + userId);
            }
        });
    }

    /** A channel moves one currency: its own. */
    static void requireCurrency(Channel channel, Currency currency) {
        Currency own = Currency.ofLedger(channel.ledger());
        if (own != currency) {
            throw ApiException.invalidField("currency", "must be " + own.name() + ", the currency of channel "
                    + channel.channelId());
        }
    }
}
