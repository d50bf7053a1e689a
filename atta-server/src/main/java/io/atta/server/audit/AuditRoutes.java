package io.atta.server.audit;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;

/**
 * The routes of the audit chain (docs/AUDIT.md; roles in docs/SECURITY.md): the key and the
 * checkpoints are public to every key; a transfer's proof to its owner, a trade's to its
 * merchant and buyer, and both to an operator.
 */
public final class AuditRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        AuditApi audit = new AuditApi(context.service(), context.ledger(), context.access());
        r.get("/v1/audit/key", Roles.any, audit::key);
        r.get("/v1/audit/checkpoints/latest", Roles.any, audit::latest);
        r.get("/v1/audit/checkpoints/{n}", Roles.any, audit::checkpoint);
        r.get("/v1/audit/consistency", Roles.any, audit::consistency);
        r.get("/v1/audit/proofs/transfers/{id}", Roles.holder, audit::transferProof);
        r.get("/v1/audit/proofs/trades/{trade_no}", Roles.holder, audit::tradeProof);
    }
}
