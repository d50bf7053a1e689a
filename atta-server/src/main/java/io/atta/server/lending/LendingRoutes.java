package io.atta.server.lending;

import io.atta.core.auth.Role;
import io.atta.server.ServerContext;
import io.atta.server.ServerModule;
import io.atta.server.auth.Roles;
import io.atta.server.http.RouteTable;
import io.atta.server.http.ServerLedger;

import java.util.EnumSet;
import java.util.Set;

/**
 * The routes of consumer loans (docs/LOANS.md, docs/API.md; roles in docs/SECURITY.md).
 * Operators create lenders; a channel deposits a lender's funding; a lender's own keys (role
 * {@code lender}) read it and its loans; a user quotes, borrows, repays and reads its own loans.
 */
public final class LendingRoutes implements ServerModule {
    /** A lender's own business: its keys, and operators. */
    static final Set<Role> lender = EnumSet.of(Role.admin, Role.lender);
    /** A loan: its borrower (users and merchants are users), its lender, operators. */
    static final Set<Role> loanReaders = EnumSet.of(Role.admin, Role.merchant, Role.user, Role.lender);

    @Override
    public void declare(ServerContext context, RouteTable r) {
        ServerLedger ledger = context.ledger();
        LenderApi lenders = new LenderApi(ledger);
        LoanApi loans = new LoanApi(ledger);
        r.post("/v1/lenders", Roles.admin, lenders::create);
        r.get("/v1/lenders/{lender_id}", lender, lenders::get);
        r.post("/v1/lenders/{lender_id}/deposits", Roles.channelOnly, lenders::deposit);
        r.post("/v1/users/{id}/loans/quote", Roles.holder, loans::quote);
        r.post("/v1/users/{id}/loans", Roles.holder, loans::take);
        r.get("/v1/users/{id}/loans", Roles.holder, loans::listOfUser);
        r.get("/v1/loans/{loan_id}", loanReaders, loans::get);
        r.post("/v1/loans/{loan_id}/repayments", Roles.holder, loans::repay);
        r.post("/v1/loans/{loan_id}/prepay", Roles.holder, loans::prepay);
    }
}
