package io.atta.core.wealth;

import static io.atta.core.command.CommandFields.getBoolean;
import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putBoolean;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import io.atta.core.command.CommandFamily;
import io.atta.core.command.CommandType;

import java.nio.ByteBuffer;
import java.util.List;

/** The wealth fund's commands and their binary form (codes 100–104, kept for the fund). */
public final class WealthFamily implements CommandFamily {
    @Override
    public String name() {
        return "wealth";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(100, DefineCalendar.class,
                        c -> textBytes(c.name()) + 4 + 4 * c.holidays().length + 4 + 4 * c.makeupWorkdays().length,
                        (c, b) -> {
                            putText(b, c.name());
                            putDays(b, c.holidays());
                            putDays(b, c.makeupWorkdays());
                        },
                        b -> new DefineCalendar(getText(b), getDays(b), getDays(b))),
                new CommandType<>(101, CreateFund.class,
                        f -> textBytes(f.code()) + textBytes(f.name()) + 4 + 8 + 8 + 4 + textBytes(f.timeZone()) + 8 + 8
                                + textBytes(f.calendar()) + 4,
                        (f, b) -> {
                            putText(b, f.code());
                            putText(b, f.name());
                            b.putInt(f.ledger()).putLong(f.managerUserId()).putLong(f.managerWalletId()).putInt(f.cutoffMinutes());
                            putText(b, f.timeZone());
                            b.putLong(f.fastRedeemDailyLimit()).putLong(f.holdingCap());
                            putText(b, f.calendar());
                            b.putInt(f.createdDay());
                        },
                        b -> new CreateFund(getText(b), getText(b), b.getInt(), b.getLong(), b.getLong(), b.getInt(),
                                getText(b),
                                b.getLong(), b.getLong(), getText(b), b.getInt())),
                new CommandType<>(102, Subscribe.class, s -> textBytes(s.fundCode()) + textBytes(s.requestId()) + 16,
                        (s, b) -> {
                            putText(b, s.fundCode());
                            putText(b, s.requestId());
                            b.putLong(s.userId()).putLong(s.amount());
                        },
                        b -> new Subscribe(getText(b), getText(b), b.getLong(), b.getLong())),
                new CommandType<>(103, Redeem.class, r -> textBytes(r.fundCode()) + textBytes(r.requestId()) + 17,
                        (r, b) -> {
                            putText(b, r.fundCode());
                            putText(b, r.requestId());
                            putBoolean(b.putLong(r.userId()).putLong(r.amount()), r.fast());
                        },
                        b -> new Redeem(getText(b), getText(b), b.getLong(), b.getLong(), getBoolean(b))),
                new CommandType<>(104, PublishIncome.class, p -> textBytes(p.fundCode()) + 4 + 8,
                        (p, b) -> {
                            putText(b, p.fundCode());
                            b.putInt(p.day()).putLong(p.incomePer10kScaled());
                        },
                        b -> new PublishIncome(getText(b), b.getInt(), b.getLong())));
    }

    private static void putDays(ByteBuffer b, int[] days) {
        b.putInt(days.length);
        for (int d : days) {
            b.putInt(d);
        }
    }

    private static int[] getDays(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / 4) {
            throw new IllegalStateException("corrupt batch: " + n + " calendar days");
        }
        int[] days = new int[n];
        for (int i = 0; i < n; i++) {
            days[i] = b.getInt();
        }
        return days;
    }
}
