package io.atta.server.trades;

import io.atta.core.command.Result;
import io.atta.server.auth.Caller;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;

import java.util.concurrent.CompletableFuture;

/**
 * How a single trade call answers: the trade as {@code GET} shows it once the ledger took the
 * request ({@code ok}, or {@code exists} for a repeat), else the refusal as an error.
 */
final class TradeReplies {
    private final TradeReader reader;

    TradeReplies(TradeReader reader) {
        this.reader = reader;
    }

    /** The trade with {@code status}, read after the write. */
    CompletableFuture<Reply> trade(Caller caller, long tradeNo, int status) {
        return reader.view(caller, tradeNo).thenApply(s -> Reply.object(status, g -> TradeJson.fields(g, s)));
    }

    /** 200 with the trade when {@code r} took, else the refusal. */
    CompletableFuture<Reply> answered(Caller caller, long tradeNo, Result r) {
        if (r != Result.ok && r != Result.exists) {
            throw refusal(r, tradeNo);
        }
        return trade(caller, tradeNo, 200);
    }

    /** A refused single call as its error: who or what is missing is 404, a wrong party 403, the rest 409. */
    static ApiException refusal(Result r, long tradeNo) {
        if (r == Result.trade_not_found) {
            return ApiException.notFound("no trade " + tradeNo);
        }
        if (r == Result.trade_party_invalid) {
            return ApiException.forbidden("this key may not take this action on trade " + tradeNo, null);
        }
        if (r == Result.merchant_not_found) {
            return new ApiException(404, "not_found", "seller is not a merchant", "seller");
        }
        if (r == Result.user_not_found) {
            return new ApiException(404, "not_found", "buyer_user_id names no user", "buyer_user_id");
        }
        return ApiException.refused(r);
    }
}
