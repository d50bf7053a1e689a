package io.atta.core.insurance;

import static io.atta.core.command.CommandFields.getBoolean;
import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putBoolean;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import io.atta.core.command.CommandFamily;
import io.atta.core.command.CommandType;

import java.util.List;

/** Insurance's commands and their binary form (codes 155–160 of the block 155–169 kept for it). */
public final class InsuranceFamily implements CommandFamily {
    @Override
    public String name() {
        return "insurance";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(155, CreateInsurer.class,
                        c -> textBytes(c.code()) + textBytes(c.name()) + 4 + 8 + 8,
                        (c, b) -> {
                            putText(b, c.code());
                            putText(b, c.name());
                            b.putInt(c.ledger()).putLong(c.ownerUserId()).putLong(c.settlementWalletId());
                        },
                        b -> new CreateInsurer(getText(b), getText(b), b.getInt(), b.getLong(), b.getLong())),
                new CommandType<>(156, CreateInsuranceProduct.class,
                        p -> textBytes(p.code()) + textBytes(p.name()) + textBytes(p.insurerCode())
                                + 3 * 4 + 8 + 4 + 2 * 8 + 5 * 8,
                        (p, b) -> {
                            putText(b, p.code());
                            putText(b, p.name());
                            putText(b, p.insurerCode());
                            b.putInt(p.kind()).putInt(p.ledger()).putInt(p.payer()).putLong(p.premiumFixed())
                                    .putInt(p.premiumRatePpm()).putLong(p.premiumMin()).putLong(p.premiumMax())
                                    .putLong(p.coverage()).putLong(p.claimWindowSeconds())
                                    .putLong(p.termSeconds()).putLong(p.periodSeconds()).putLong(p.startsAt());
                        },
                        b -> {
                            String code = getText(b);
                            String name = getText(b);
                            String insurer = getText(b);
                            int kind = b.getInt();
                            int ledger = b.getInt();
                            int payer = b.getInt();
                            long fixed = b.getLong();
                            int rate = b.getInt();
                            long min = b.getLong();
                            long max = b.getLong();
                            long coverage = b.getLong();
                            long window = b.getLong();
                            long term = b.getLong();
                            long period = b.getLong();
                            long starts = b.getLong();
                            return new CreateInsuranceProduct(code, name, insurer, kind, ledger, payer, fixed, rate,
                                    min, max, coverage, window, term, period, starts);
                        }),
                new CommandType<>(157, CoverTrade.class, c -> 8 + 8 + textBytes(c.productCode()),
                        (c, b) -> putText(b.putLong(c.tradeNo()).putLong(c.buyerUserId()), c.productCode()),
                        b -> new CoverTrade(b.getLong(), b.getLong(), getText(b))),
                new CommandType<>(158, BuyPolicy.class, c -> 8 + 8 + textBytes(c.productCode()),
                        (c, b) -> putText(b.putLong(c.policyId()).putLong(c.userId()), c.productCode()),
                        b -> new BuyPolicy(b.getLong(), b.getLong(), getText(b))),
                new CommandType<>(159, ReportClaim.class, c -> 8 * 5 + textBytes(c.description()),
                        (c, b) -> putText(b.putLong(c.claimId()).putLong(c.policyId()).putLong(c.userId())
                                .putLong(c.amount()).putLong(c.lossAt()), c.description()),
                        b -> new ReportClaim(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                                getText(b))),
                new CommandType<>(160, DecideClaim.class, c -> 8 + 1 + 8 + textBytes(c.reason()),
                        (c, b) -> {
                            putBoolean(b.putLong(c.claimId()), c.approve());
                            putText(b.putLong(c.actingKeyId()), c.reason());
                        },
                        b -> new DecideClaim(b.getLong(), getBoolean(b), b.getLong(), getText(b))));
    }
}
