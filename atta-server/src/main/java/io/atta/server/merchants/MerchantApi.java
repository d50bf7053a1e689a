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
    private static final Set<String> createFields = Set.of("name", "fee_rate", "webhook_url", "currency");

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
        return create(new Terms(name, feeRatePpm, webhookUrl, currency), 1);
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
        long userId = randomId(slot);
        long walletId = randomId(slot);
        long settlementId = randomId(slot);
        String token = UserTokens.issue(userId, random);
        String secret = webhookSecret();
        long[] h = UserTokens.words(UserTokens.sha256(token));
        Command[] commands = {
                new CreateUser(userId, walletId, t.currency().ledger(), h[0], h[1], h[2], h[3]),
                new CreateAccount(settlementId, userId, t.currency().ledger(), settlementAccountCode,
                        AccountFlags.debitsMustNotExceedCredits | AccountFlags.history, 0),
                new CreateMerchant(userId, settlementId, t.feeRatePpm(), t.name(), t.webhookUrl(),
                        masterKey.seal(secret))};
        int shard = ledger.shardOf(userId);
        return ledger.read(userId, l -> l.user(userId) != null || l.account(walletId) != null
                || l.account(settlementId) != null).thenCompose(taken -> {
            if (taken) {
                return retry(t, attempt, Result.user_exists);
            }
            return ledger.submit(shard, commands).thenCompose(rs -> {
                if (rs[0] != Result.ok || rs[1] != Result.ok || rs[2] != Result.ok) {
                    return retry(t, attempt, rs[0] != Result.ok ? rs[0] : rs[1] != Result.ok ? rs[1] : rs[2]);
                }
                return CompletableFuture.completedFuture(Reply.object(201, g -> {
                    g.writeStringField("merchant_id", Long.toString(userId));
                    g.writeStringField("api_key", token);
                    g.writeStringField("webhook_secret", secret);
                    fields(g, userId, settlementId, walletId, t.name(), t.feeRatePpm(), t.webhookUrl(), t.currency());
                }));
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

    private long randomId(int slot) {
        long span = Ids.localMask + 1 - Ids.firstUserLocalId;
        return Ids.compose(slot, Ids.firstUserLocalId + (random.nextLong() & Long.MAX_VALUE) % span);
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

    private static void fields(JsonGenerator g, long merchantId, long settlementId, long walletId, String name,
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
