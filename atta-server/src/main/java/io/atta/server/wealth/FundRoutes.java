package io.atta.server.wealth;

import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;
import io.atta.server.http.ServerLedger;

/**
 * The routes of the money-market fund (docs/FUND.md, docs/API.md; roles in docs/SECURITY.md).
 * Operators define calendars and funds; the fund's manager (a {@code fund_manager} key owned by
 * its manager user) or an operator publishes the daily income; a user subscribes, redeems and reads its own holding.
 */
public final class FundRoutes implements ServerModule {
    @Override
    public void declare(ServerContext context, RouteTable r) {
        ServerLedger ledger = context.ledger();
        FundDirectory directory = new FundDirectory(ledger);
        CalendarApi calendars = new CalendarApi(ledger);
        FundApi funds = new FundApi(ledger, directory);
        HoldingApi holdings = new HoldingApi(ledger, directory);
        r.put("/v1/calendars/{name}", Roles.admin, calendars::put);
        r.get("/v1/calendars/{name}", Roles.any, calendars::get);
        r.post("/v1/funds", Roles.admin, funds::create);
        r.get("/v1/funds/{code}", Roles.any, funds::get);
        r.post("/v1/funds/{code}/income", Roles.fundManager, funds::publish);
        r.post("/v1/funds/{code}/subscriptions", Roles.holder, holdings::subscribe);
        r.post("/v1/funds/{code}/redemptions", Roles.holder, holdings::redeem);
        r.get("/v1/funds/{code}/holdings/{user_id}", Roles.holder, holdings::holding);
        r.get("/v1/funds/{code}/holdings/{user_id}/income", Roles.holder, holdings::income);
    }
}
