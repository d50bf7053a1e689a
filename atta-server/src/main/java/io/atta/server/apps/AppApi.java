package io.atta.server.apps;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.gateway.CreateApp;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeLimits;
import io.atta.engine.gateway.App;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.PlainText;
import io.atta.server.json.ValueText;
import io.atta.server.merchants.MerchantDirectory;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Alipay gateway apps of a merchant (docs/API.md, Apps): the merchant registers its RSA public
 * key and receives an {@code app_id} and the platform's public key, which is all the official
 * SDK needs besides the gateway URL.
 */
public final class AppApi {
    /** How often a random app id is drawn again when taken. */
    static final int maxCreateAttempts = 8;
    private static final Set<String> createFields = Set.of("public_key", "name");

    private final ServerLedger ledger;
    private final MerchantDirectory merchants;
    private final String platformPublicKey;
    private final Supplier<String> gatewayUrl;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param platformPublicKey the platform's public key, Base64 X.509, as apps verify it
     * @param gatewayUrl        where the gateway is reached, known once the server is bound
     */
    public AppApi(ServerLedger ledger, MerchantDirectory merchants, String platformPublicKey,
                  Supplier<String> gatewayUrl) {
        this.ledger = ledger;
        this.merchants = merchants;
        this.platformPublicKey = platformPublicKey;
        this.gatewayUrl = gatewayUrl;
    }

    /** {@code POST /v1/merchants/{id}/apps} (admin or the merchant itself): 201 with the app. */
    public CompletableFuture<Reply> create(ApiCall call) {
        long merchantId = call.pathId("id");
        if (!call.caller().mayActFor(merchantId)) {
            throw ApiException.forbidden("this key may not register apps for merchant " + merchantId, null);
        }
        Fields body = Fields.of(Json.object(call.body(), false), "", createFields);
        String publicKey = AppKeys.normalized(body.string("public_key"), "public_key");
        String name = body.has("name") ? PlainText.optionalText(body.string("name"), "name",
                TradeLimits.maxAppNameLength, "maxAppNameLength") : "";
        return merchants.merchant(merchantId).thenCompose(m -> {
            if (m == null) {
                throw ApiException.notFound("no merchant " + merchantId);
            }
            return create(merchantId, name, publicKey, 1);
        });
    }

    private CompletableFuture<Reply> create(long merchantId, String name, String publicKey, int attempt) {
        long appId = Ids.compose(Ids.slotOf(merchantId), Ids.firstUserLocalId
                + (random.nextLong() & Long.MAX_VALUE) % (Ids.localMask + 1 - Ids.firstUserLocalId));
        Command[] create = {new CreateApp(appId, merchantId, name, publicKey)};
        return ledger.submit(ledger.shardOf(merchantId), create).thenCompose(rs -> {
            Result r = rs[0];
            if (r == Result.ok) {
                return ledger.read(appId, l -> l.app(appId)).thenApply(a -> Reply.object(201, g -> fields(g, a)));
            }
            if ((r == Result.exists || r == Result.exists_with_different_fields) && attempt < maxCreateAttempts) {
                return create(merchantId, name, publicKey, attempt + 1);
            }
            if (r == Result.merchant_not_found) {
                throw ApiException.notFound("no merchant " + merchantId);
            }
            throw new IllegalStateException("registering an app failed: " + r.apiName());
        });
    }

    /** {@code GET /v1/merchants/{id}/apps} (admin or the merchant itself). */
    public CompletableFuture<Reply> list(ApiCall call) {
        long merchantId = call.pathId("id");
        if (!call.caller().mayActFor(merchantId)) {
            throw ApiException.forbidden("this key may not see the apps of merchant " + merchantId, null);
        }
        return ledger.read(merchantId, l -> l.trades().merchant(merchantId) == null ? null : l.apps(merchantId))
                .thenApply(apps -> {
                    if (apps == null) {
                        throw ApiException.notFound("no merchant " + merchantId);
                    }
                    return Reply.ok(g -> {
                        g.writeArrayFieldStart("apps");
                        for (App a : apps) {
                            g.writeStartObject();
                            fields(g, a);
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    });
                });
    }

    private void fields(JsonGenerator g, App a) throws IOException {
        g.writeStringField("app_id", Long.toString(a.appId()));
        g.writeStringField("merchant_id", Long.toString(a.merchantId()));
        g.writeStringField("name", a.name());
        g.writeStringField("app_public_key", a.publicKey());
        g.writeStringField("alipay_public_key", platformPublicKey);
        g.writeStringField("sign_type", "RSA2");
        g.writeStringField("gateway_url", gatewayUrl.get());
        g.writeStringField("created_at", ValueText.instant(a.createdAt()));
    }
}
