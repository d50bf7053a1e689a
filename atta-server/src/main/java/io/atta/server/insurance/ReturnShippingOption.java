package io.atta.server.insurance;

import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.insurance.CoverTrade;
import io.atta.core.insurance.CreateInsuranceProduct;
import io.atta.core.insurance.InsuranceIds;
import io.atta.core.insurance.InsuranceKind;
import io.atta.core.insurance.InsuranceResults;
import io.atta.engine.insurance.InsuranceModule;
import io.atta.engine.trade.TradeView;
import io.atta.server.http.ApiException;
import io.atta.server.http.ServerLedger;
import io.atta.server.trades.PaymentOption;

import java.util.concurrent.CompletableFuture;

/**
 * {@code "insurance": "return_shipping"} on a REST trade's create (with its buyer) or payment:
 * the cover of the trade by the first return-shipping product in code order, recorded on the
 * buyer's shard before the payment, whose command then takes the premium (docs/INSURANCE.md).
 */
final class ReturnShippingOption implements PaymentOption {
    static final String field = "insurance";

    private final InsuranceDirectory directory;
    private final ServerLedger ledger;

    ReturnShippingOption(InsuranceDirectory directory) {
        this.directory = directory;
        this.ledger = directory.ledger();
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public CompletableFuture<Void> prepare(String path, String value, long tradeNo, long buyerUserId) {
        if (!value.equals(InsuranceKind.return_shipping.name())) {
            throw ApiException.invalidField(path, "must be \"return_shipping\", the insurance sold with trades");
        }
        if (buyerUserId == 0) {
            throw ApiException.invalidField(path, "needs the trade's buyer: give buyer_user_id or auth_code with it, "
                    + "or give insurance when the buyer pays");
        }
        return directory.products().thenCompose(products -> {
            CreateInsuranceProduct product = null;
            for (CreateInsuranceProduct p : products) {
                if (p.kind() == InsuranceKind.return_shipping.code()) {
                    product = p;
                    break;
                }
            }
            if (product == null) {
                throw new ApiException(409, InsuranceResults.insurance_product_not_found.apiName(),
                        "no return_shipping product is offered", path);
            }
            String code = product.code();
            long policyId = InsuranceIds.tradePolicy(buyerUserId, tradeNo);
            return ledger.read(buyerUserId, l -> {
                TradeView t = l.trades().trade(tradeNo);
                boolean paid = t != null && t.paidAt() != 0;
                return paid && l.module(InsuranceModule.class).policy(policyId) == null;
            }).thenCompose(paidUninsured -> {
                if (paidUninsured) {
                    throw new ApiException(409, InsuranceResults.trade_already_paid.apiName(), "trade " + tradeNo
                            + " was paid without insurance: it is sold with the payment only", path);
                }
                return ledger.submit(ledger.shardOf(buyerUserId),
                        new Command[] {new CoverTrade(tradeNo, buyerUserId, code)});
            }).thenApply(rs -> {
                Result r = rs[0];
                if (r == Result.exists_with_different_fields || r == InsuranceResults.trade_already_paid) {
                    throw new ApiException(409, r.apiName(), "trade " + tradeNo + " is covered otherwise", path);
                }
                // user_not_found and the like: the payment itself answers them.
                return null;
            });
        });
    }
}
