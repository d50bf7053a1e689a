package io.atta.server;

import io.atta.cluster.LedgerService;
import io.atta.server.apps.AppDirectory;
import io.atta.server.auth.AccountAccess;
import io.atta.server.auth.Authenticator;
import io.atta.server.gateway.PlatformKeys;
import io.atta.server.http.ServerLedger;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.outbound.OutboundUrlValidator;
import io.atta.server.trades.Trades;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the {@link ServerModule}s of one server share: the ledger they serve, the server's options
 * and meters, and the directories and facades that several packages read (a merchant is the same
 * cached merchant to the merchants, trades, gateway and cashier routes).
 *
 * @param service       the shards, and what the node tells of itself (health, clock, replicas)
 * @param ledger        the shards as the handlers call them (futures answered on the server's threads)
 * @param options       how the server was asked to serve
 * @param registry      the meters {@code /metrics} shows
 * @param serverThreads the server's threads, on which replies are written
 * @param healthy       what {@code /health} answers
 * @param selfUrl       this server's base URL once bound ({@code http://host:port}), or null for a
 *                      wildcard bind address no client can reach
 * @param authenticator the API keys and user tokens (the cashier page checks a buyer's token itself)
 * @param access        who may act on which account
 * @param merchants     merchants, cached
 * @param apps          gateway apps, cached with their parsed public keys
 * @param trades        the trades facade (REST trades, the gateway and the cashier)
 * @param platformKeys  the platform's RSA key pair, which signs gateway answers and notifications
 * @param urls          which webhook and notify URLs may be called
 */
public record ServerContext(LedgerService service, ServerLedger ledger, ServerOptions options,
                            PrometheusMeterRegistry registry, Executor serverThreads, BooleanSupplier healthy,
                            Supplier<String> selfUrl, Authenticator authenticator, AccountAccess access,
                            MerchantDirectory merchants, AppDirectory apps, Trades trades, PlatformKeys platformKeys,
                            OutboundUrlValidator urls) {
    /** The clock the shards' batches are stamped with (the test clock, when the node runs on one). */
    public LongSupplier nowNanos() {
        return service.clock();
    }

    /** The base URL buyers and merchants reach this server at: the gateway's {@code --public-url}, or its own. */
    public Supplier<String> publicUrl() {
        String configured = options.gateway().publicUrl();
        return configured != null ? () -> configured : selfUrl;
    }
}
