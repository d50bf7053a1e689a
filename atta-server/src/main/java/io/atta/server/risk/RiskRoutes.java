package io.atta.server.risk;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/** The routes of risk control (docs/RISK.md, docs/API.md; roles in docs/SECURITY.md). */
public final class RiskRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        RiskApi risk = new RiskApi(context.ledger());
        r.put("/v1/risk/rules", Roles.admin, risk::putRules);
        r.get("/v1/risk/rules", Roles.admin, risk::getRules);
        r.get("/v1/risk/shadow", Roles.admin, risk::shadowReport);
        r.get("/v1/risk/reviews", Roles.admin, risk::reviews);
        r.post("/v1/risk/reviews/{id}/approve", Roles.admin, call -> risk.decide(call, true));
        r.post("/v1/risk/reviews/{id}/reject", Roles.admin, call -> risk.decide(call, false));
        r.get("/v1/risk/decisions", Roles.holder, risk::decisions);
        r.put("/v1/risk/users/{id}/kyc_level", Roles.admin, risk::setKycLevel);
    }
}
