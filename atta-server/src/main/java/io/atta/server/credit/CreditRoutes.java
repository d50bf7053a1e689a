package io.atta.server.credit;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;
import io.atta.server.http.ServerLedger;

/**
 * The routes of credit (docs/CREDIT.md, docs/API.md; roles in docs/SECURITY.md). An operator sets
 * a user's KYC level, feeds each shard's lender account and picks the scorecard; a user reads its
 * score, opens and reads its credit line and statements, repays and turns statements into installments.
 */
public final class CreditRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        ServerLedger ledger = context.ledger();
        ScoreApi scores = new ScoreApi(ledger);
        CreditLineApi lines = new CreditLineApi(ledger);
        StatementApi statements = new StatementApi(ledger);
        LenderApi lender = new LenderApi(ledger);
        r.post("/v1/users/{id}/kyc", Roles.admin, scores::kyc);
        r.get("/v1/users/{id}/credit-score", Roles.holder, scores::score);
        r.post("/v1/credit/score-model", Roles.admin, scores::useModel);
        r.post("/v1/users/{id}/credit-line", Roles.holder, lines::open);
        r.get("/v1/users/{id}/credit-line", Roles.holder, lines::get);
        r.post("/v1/users/{id}/credit-line/auto-repay", Roles.holder, lines::autoRepay);
        r.post("/v1/users/{id}/credit-line/repayments", Roles.holder, lines::repay);
        r.get("/v1/users/{id}/credit-line/statements", Roles.holder, statements::list);
        r.get("/v1/users/{id}/credit-line/statements/{period}", Roles.holder, statements::get);
        r.post("/v1/users/{id}/credit-line/statements/{period}/installments", Roles.holder, statements::install);
        r.post("/v1/credit/lender/adjustments", Roles.admin, lender::adjust);
        r.get("/v1/credit/lender", Roles.admin, lender::get);
    }
}
