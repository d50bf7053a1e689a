package io.atta.core.insurance;

import io.atta.core.command.Command;

/**
 * On the buyer's shard, before the trade's payment: the trade is to be paid with the product
 * (return shipping). The premium is taken by the payment itself, in its group of transfers, and
 * a premium its payer cannot pay refuses the payment. The same request again is {@code exists};
 * another product for the same trade {@code exists_with_different_fields}.
 */
public record CoverTrade(long tradeNo, long buyerUserId, String productCode) implements Command {
    public CoverTrade {
        productCode = productCode == null ? "" : productCode;
    }
}
