package io.atta.server.trades;

import java.util.concurrent.CompletableFuture;

/**
 * A product sold with a trade's payment, asked for by a field of the REST create (with its buyer)
 * or pay body (return-shipping insurance: {@code "insurance": "return_shipping"}), registered with
 * {@link Trades#addPaymentOption} by the product's routes. The trade package knows no product:
 * before the payment (or the buyer's order) is written, it hands the field's value to the option,
 * which records on the buyer's shard what the payment's command will then take, in its own
 * module through the engine's {@link io.atta.engine.trade.TradeHook}.
 */
public interface PaymentOption {
    /** The body field that asks for it. */
    String field();

    /**
     * Prepares the option for the payment of {@code tradeNo} by {@code buyerUserId} (0 when the
     * create names no buyer yet). A refusal is a failed future (an
     * {@link io.atta.server.http.ApiException} naming {@code path}), and the trade is then not written.
     *
     * @param path the field as an error names it
     */
    CompletableFuture<Void> prepare(String path, String value, long tradeNo, long buyerUserId);
}
