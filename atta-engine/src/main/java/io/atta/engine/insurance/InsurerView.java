package io.atta.engine.insurance;

import io.atta.core.insurance.CreateInsurer;

/** An insurer on this shard: its accounts here and their balances (credit minus debit). */
public record InsurerView(CreateInsurer terms, long premiumAccount, long claimsAccount, long premiumBalance,
                          long claimsBalance) {
}
