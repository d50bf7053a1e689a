package io.atta.core.lending;

import static io.atta.core.command.CommandFields.getBoolean;
import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putBoolean;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import io.atta.core.command.CommandFamily;
import io.atta.core.command.CommandType;

import java.util.List;

/** The loans' commands and their binary form (codes 125–128 of the lending block 125–139). */
public final class LendingFamily implements CommandFamily {
    @Override
    public String name() {
        return "lending";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(125, CreateLender.class, c -> 8 + textBytes(c.name()) + 4,
                        (c, b) -> {
                            b.putLong(c.lenderId());
                            putText(b, c.name());
                            b.putInt(c.ledger());
                        },
                        b -> new CreateLender(b.getLong(), getText(b), b.getInt())),
                new CommandType<>(126, FundLender.class, f -> 8 * 4 + 4 + textBytes(f.channelRef()),
                        (f, b) -> {
                            b.putLong(f.transferId()).putLong(f.lenderId()).putLong(f.channelId()).putLong(f.amount());
                            b.putInt(f.ledger());
                            putText(b, f.channelRef());
                        },
                        b -> new FundLender(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(), getText(b))),
                new CommandType<>(127, TakeLoan.class, t -> 8 + textBytes(t.requestId()) + 8 + 8 + 4 + 1,
                        (t, b) -> {
                            b.putLong(t.userId());
                            putText(b, t.requestId());
                            b.putLong(t.lenderId()).putLong(t.amount()).putInt(t.months());
                            b.put((byte) t.method().code());
                        },
                        b -> new TakeLoan(b.getLong(), getText(b), b.getLong(), b.getLong(), b.getInt(),
                                RepaymentMethod.ofCode(b.get()))),
                new CommandType<>(128, RepayLoan.class, r -> 8 + textBytes(r.requestId()) + 8 + 1,
                        (r, b) -> {
                            b.putLong(r.loanId());
                            putText(b, r.requestId());
                            putBoolean(b.putLong(r.amount()), r.prepay());
                        },
                        b -> new RepayLoan(b.getLong(), getText(b), b.getLong(), getBoolean(b))));
    }
}
