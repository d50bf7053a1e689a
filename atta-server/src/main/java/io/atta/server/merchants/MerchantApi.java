package io.atta.server.merchants;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateUser;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeLimits;
import io.atta.server.auth.UserTokens;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.EdgeIds;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.PlainText;
import io.atta.server.json.ValueText;
import io.atta.server.outbound.OutboundUrlValidator;
import io.atta.server.secrets.MasterKey;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Merchants (docs/API.md, Merchants): a user who sells through escrow trades, with a settlement
 * account that settlement sweeps its receivables into. Its API key is its user token.
 */
public final class MerchantApi {
    /** The account code of a merchant's settlement account. */
    public static final int settlementAccountCode = 2;
    /** How often a merchant's random ids are drawn again when taken. */
    static final int maxCreateAttempts = 8;
    static final String webhookSecretPrefix = "whsec_";
    private static final int webhookSecretBytes = 32;
    private static final Set<String> createFields = Set.of("name", "fee_rate", "webhook_url", "currency",
            "request_id");
    /** Said in place of the key and secret when a repeated request_id answers the merchant made before. */
    static final String secretsNotShownAgain = "the api_key and webhook_secret are shown only when the merchant is"
            + " created; POST /v1/keys/{merchant_id}/rotate issues a new key";

    private final ServerLedger ledger;
    private final MerchantDirectory directory;
    private final OutboundUrlValidator urls;
    private final MasterKey masterKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param urls      what a webhook URL may name
     * @param masterKey seals each webhook secret before it enters the log: the merchant is shown
     *                  the secret once, the replicated state holds only the sealed form
     */
    public MerchantApi(ServerLedger ledger, MerchantDirectory directory, OutboundUrlValidator urls,
                       MasterKey masterKey) {
        this.ledger = ledger;
        this.directory = directory;
        this.urls = urls;
        this.masterKey = masterKey;
    }

    /** {@code POST /v1/merchants} (admin). */
    public CompletableFuture<Reply> create(ApiCall call) {
        if (!call.caller().isAdmin()) {
            throw ApiException.forbidden("only the admin key may create merchants", null);
        }
        Fields body = Fields.of(Json.object(call.body(), false), "", createFields);
        String name = PlainText.text(body.string("name"), "name", TradeLimits.maxMerchantNameLength,
                "maxMerchantNameLength");
        int feeRatePpm = body.has("fee_rate") ? FeeRate.parsePpm(body.string("fee_rate"), "fee_rate")
                : TradeLimits.defaultFeeRatePpm;
        String webhookUrl = body.has("webhook_url") ? webhookUrl(body.string("webhook_url"), "webhook_url") : "";
        Currency currency = body.has("currency") ? body.currency("currency") : Currency.CNY;
        Terms terms = new Terms(name, feeRatePpm, webhookUrl, currency);
        if (body.has("request_id")) {
            return createOnce(terms, ValueText.requestId(body.string("request_id"), "request_id"));
        }
        return create(terms, 1);
    }

    private record Terms(String name, int feeRatePpm, String webhookUrl, Currency currency) {
    }

    /**
     * Draws the merchant's ids and makes its user, settlement account and merchant record in one
     * log entry. The drawn user id is first read to be free: the three commands are applied one by
     * one, so a taken id would otherwise give its user an account and a merchant record.
     */
    private CompletableFuture<Reply> create(Terms t, int attempt) {
        int slot = random.nextInt(Ids.slotCount);
        MerchantIds ids = new MerchantIds(EdgeIds.random(random, slot), EdgeIds.random(random, slot),
                EdgeIds.random(random, slot));
        return ledger.read(ids.userId(), ids::anyTaken).thenCompose(taken -> {
            if (taken) {
                return retry(t, attempt, Result.user_exists);
            }
            return submit(t, ids).thenCompose(made -> made.reply() != null
                    ? CompletableFuture.completedFuture(made.reply()) : retry(t, attempt, made.refusal()));
        });
    }

    /** The ids of a new merchant: its user (the merchant id), wallet and settlement account. */
    private record MerchantIds(long userId, long walletId, long settlementId) {
        boolean anyTaken(io.atta.engine.ledger.ShardLedger l) {
            return l.user(userId) != null || l.account(walletId) != null || l.account(settlementId) != null;
        }
    }

    /** The 201 reply, or the first refusal when the ledger did not make the merchant. */
    private record Made(Reply reply, Result refusal) {
    }

    /** Makes the merchant's user, settlement account and merchant record in one log entry. */
    private CompletableFuture<Made> submit(Terms t, MerchantIds ids) {
        String token = UserTokens.issue(ids.userId(), random);
        String secret = webhookSecret();
        long[] h = UserTokens.words(UserTokens.sha256(token));
        Command[] commands = {
                new CreateUser(ids.userId(), ids.walletId(), t.currency().ledger(), h[0], h[1], h[2], h[3]),
                new CreateAccount(ids.settlementId(), ids.userId(), t.currency().ledger(), settlementAccountCode,
                        AccountFlags.debitsMustNotExceedCredits | AccountFlags.history, 0),
                new CreateMerchant(ids.userId(), ids.settlementId(), t.feeRatePpm(), t.name(), t.webhookUrl(),
                        masterKey.seal(secret))};
        return ledger.submit(ledger.shardOf(ids.userId()), commands).thenApply(rs -> {
            if (rs[0] != Result.ok || rs[1] != Result.ok || rs[2] != Result.ok) {
                return new Made(null, rs[0] != Result.ok ? rs[0] : rs[1] != Result.ok ? rs[1] : rs[2]);
            }
            return new Made(Reply.object(201, g -> {
                g.writeStringField("merchant_id", Long.toString(ids.userId()));
                g.writeStringField("api_key", token);
                g.writeStringField("webhook_secret", secret);
                fields(g, ids.userId(), ids.settlementId(), ids.walletId(), t.name(), t.feeRatePpm(), t.webhookUrl(),
                        t.currency());
                g.writeBooleanField("created", true);
            }), null);
        });
    }

    /**
     * The merchant of a request id: its ids are derived from the request id, so a repeat finds
     * the merchant the first request made and answers it (without the key and webhook secret,
     * which are shown once); the same request id with other terms is a 409.
     */
    private CompletableFuture<Reply> createOnce(Terms t, String requestId) {
        String requestKey = "merchant:" + requestId;
        int slot = EdgeIds.derivedSlot(requestKey);
        MerchantIds ids = new MerchantIds(EdgeIds.derived(slot, requestKey, "user"),
                EdgeIds.derived(slot, requestKey, "wallet"), EdgeIds.derived(slot, requestKey, "settlement"));
        return ledger.read(ids.userId(), ids::anyTaken).thenCompose(taken -> {
            if (!taken) {
                return submit(t, ids).thenCompose(made -> made.reply() != null
                        ? CompletableFuture.completedFuture(made.reply()) : repeated(t, ids, requestId));
            }
            return repeated(t, ids, requestId);
        });
    }

    private CompletableFuture<Reply> repeated(Terms t, MerchantIds ids, String requestId) {
        long id = ids.userId();
        return ledger.read(id, l -> {
            io.atta.engine.trade.Merchant m = l.trades().merchant(id);
            io.atta.engine.ledger.AccountState wallet = l.account(ids.walletId());
            boolean same = m != null && wallet != null && m.settlementAccountId() == ids.settlementId()
                    && m.name().equals(t.name()) && m.feeRatePpm() == t.feeRatePpm()
                    && m.webhookUrl().equals(t.webhookUrl()) && wallet.ledger() == t.currency().ledger();
            return same;
        }).thenApply(same -> {
            if (!same) {
                throw new ApiException(409, Result.exists_with_different_fields.apiName(), "request_id " + requestId
                        + " already made a merchant with other terms", "request_id");
            }
            return Reply.ok(g -> {
                g.writeStringField("merchant_id", Long.toString(id));
                g.writeNullField("api_key");
                g.writeNullField("webhook_secret");
                g.writeStringField("secrets_note", secretsNotShownAgain);
                fields(g, id, ids.settlementId(), ids.walletId(), t.name(), t.feeRatePpm(), t.webhookUrl(),
                        t.currency());
                g.writeBooleanField("created", false);
            });
        });
    }

    private CompletableFuture<Reply> retry(Terms t, int attempt, Result why) {
        boolean taken = why == Result.user_exists || why == Result.exists_with_different_fields
                || why == Result.exists;
        if (taken && attempt < maxCreateAttempts) {
            return create(t, attempt + 1);
        }
        throw new IllegalStateException("creating a merchant failed: " + why.apiName());
    }

    private String webhookSecret() {
        byte[] secret = new byte[webhookSecretBytes];
        random.nextBytes(secret);
        return webhookSecretPrefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** {@code GET /v1/merchants/{id}} (admin or the merchant itself). */
    public CompletableFuture<Reply> get(ApiCall call) {
        long id = call.pathId("id");
        if (!call.caller().mayActFor(id)) {
            throw ApiException.forbidden("this key may not see merchant " + id, null);
        }
        return directory.merchant(id).thenCombine(ledger.read(id, l -> l.user(id)), (m, user) -> {
            if (m == null || user == null) {
                throw ApiException.notFound("no merchant " + id);
            }
            return Reply.ok(g -> {
                fields(g, id, m.record().settlementAccountId(), user.walletAccountId(), m.record().name(),
                        m.record().feeRatePpm(), m.record().webhookUrl(), m.currency());
                g.writeStringField("created_at", ValueText.instant(m.record().createdAt()));
            });
        });
    }

    static void fields(JsonGenerator g, long merchantId, long settlementId, long walletId, String name,
                               int feeRatePpm, String webhookUrl, Currency currency) throws IOException {
        g.writeStringField("merchant_id", Long.toString(merchantId));
        g.writeStringField("settlement_account_id", Long.toString(settlementId));
        g.writeStringField("wallet_account_id", Long.toString(walletId));
        g.writeStringField("name", name);
        g.writeStringField("fee_rate", FeeRate.format(feeRatePpm));
        if (webhookUrl.isEmpty()) {
            g.writeNullField("webhook_url");
        } else {
            g.writeStringField("webhook_url", webhookUrl);
        }
        g.writeStringField("currency", currency.name());
    }

    /**
     * An http or https URL to a public address ({@link OutboundUrlValidator}) of at most
     * {@code maxWebhookUrlLength}, or "" for no notifications.
     */
    private String webhookUrl(String text, String field) {
        if (text.isEmpty()) {
            return text;
        }
        if (text.length() > TradeLimits.maxWebhookUrlLength) {
            throw ApiException.invalidField(field, "is longer than " + TradeLimits.maxWebhookUrlLength
                    + " characters (maxWebhookUrlLength)");
        }
        String refused = urls.refusal(text);
        if (refused != null) {
            throw ApiException.invalidField(field, refused);
        }
        PlainText.optionalText(text, field, TradeLimits.maxWebhookUrlLength, "maxWebhookUrlLength");
        return text;
    }
}
