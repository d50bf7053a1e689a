package io.atta.server.gateway;

import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.ValueText;

import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/users/{id}/payment-code} (the user itself, or the admin): a short-lived code
 * the buyer's wallet shows as a barcode, which a merchant's scanner sends as {@code auth_code}
 * with {@code alipay.trade.pay}.
 */
public final class PaymentCodeApi {
    private final ServerLedger ledger;
    private final PaymentCodes codes;

    public PaymentCodeApi(ServerLedger ledger, PaymentCodes codes) {
        this.ledger = ledger;
        this.codes = codes;
    }

    public CompletableFuture<Reply> issue(ApiCall call) {
        long userId = call.pathId("id");
        if (!call.caller().mayActFor(userId)) {
            throw ApiException.forbidden("this key may not get payment codes of user " + userId, null);
        }
        return ledger.read(userId, l -> l.user(userId)).thenApply(user -> {
            if (user == null) {
                throw ApiException.notFound("no user " + userId);
            }
            PaymentCodes.Code code = codes.issue(userId);
            return Reply.ok(g -> {
                g.writeStringField("user_id", Long.toString(userId));
                g.writeStringField("auth_code", code.authCode());
                g.writeStringField("expires_at", ValueText.instant(code.expiresAt()));
            });
        });
    }
}
