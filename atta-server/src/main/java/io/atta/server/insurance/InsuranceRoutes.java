package io.atta.server.insurance;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/**
 * The routes of insurance (docs/INSURANCE.md, docs/API.md; roles in docs/SECURITY.md).
 * Operators create insurers and products and decide claims; a user buys or joins products and
 * reports its losses; an insurer key reads its insurer's statement. Return-shipping insurance is
 * asked for on a trade's create or payment, through the trades' {@code insurance} field.
 */
public final class InsuranceRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        InsuranceDirectory directory = new InsuranceDirectory(context.ledger());
        InsurerApi insurers = new InsurerApi(directory);
        ProductApi products = new ProductApi(directory);
        PolicyApi policies = new PolicyApi(directory);
        context.trades().addPaymentOption(new ReturnShippingOption(directory));
        r.post("/v1/insurers", Roles.admin, insurers::create);
        r.get("/v1/insurers/{code}/statement", Roles.insurer, insurers::statement);
        r.post("/v1/insurance/products", Roles.admin, products::create);
        r.get("/v1/insurance/products/{code}", Roles.any, products::get);
        r.post("/v1/users/{id}/policies", Roles.holder, policies::buy);
        r.get("/v1/users/{id}/policies", Roles.holder, policies::list);
        r.get("/v1/policies/{id}", Roles.holder, policies::get);
        r.post("/v1/policies/{id}/claims", Roles.holder, policies::report);
        r.get("/v1/policies/{id}/claims", Roles.holder, policies::claims);
        r.post("/v1/claims/{id}/approve", Roles.admin, call -> policies.decide(call, true));
        r.post("/v1/claims/{id}/reject", Roles.admin, call -> policies.decide(call, false));
    }
}
