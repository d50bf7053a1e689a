package io.atta.core.credit;

import static io.atta.core.command.CommandFields.getBoolean;
import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putBoolean;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import io.atta.core.command.CommandFamily;
import io.atta.core.command.CommandType;

import java.util.List;

/** Credit's commands and their binary form (codes 110–124, kept for credit; 110–116 used). */
public final class CreditFamily implements CommandFamily {
    @Override
    public String name() {
        return "credit";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(110, SetKyc.class, k -> 12,
                        (k, b) -> b.putLong(k.userId()).putInt(k.level()),
                        b -> new SetKyc(b.getLong(), b.getInt())),
                new CommandType<>(111, OpenCreditLine.class, o -> 8 + textBytes(o.requestId()) + 4 + 1,
                        (o, b) -> {
                            b.putLong(o.userId());
                            putText(b, o.requestId());
                            putBoolean(b.putInt(o.statementDay()), o.autoRepay());
                        },
                        b -> new OpenCreditLine(b.getLong(), getText(b), b.getInt(), getBoolean(b))),
                new CommandType<>(112, RepayCredit.class, r -> 8 + textBytes(r.requestId()) + 8 + 1,
                        (r, b) -> {
                            b.putLong(r.userId());
                            putText(b, r.requestId());
                            putBoolean(b.putLong(r.amount()), r.fromFund());
                        },
                        b -> new RepayCredit(b.getLong(), getText(b), b.getLong(), getBoolean(b))),
                new CommandType<>(113, InstallStatement.class, i -> 16,
                        (i, b) -> b.putLong(i.userId()).putInt(i.period()).putInt(i.months()),
                        b -> new InstallStatement(b.getLong(), b.getInt(), b.getInt())),
                new CommandType<>(114, SetAutoRepay.class, s -> 9,
                        (s, b) -> putBoolean(b.putLong(s.userId()), s.enabled()),
                        b -> new SetAutoRepay(b.getLong(), getBoolean(b))),
                new CommandType<>(115, AdjustCreditLender.class,
                        a -> textBytes(a.requestId()) + 4 + 8 + 1 + textBytes(a.reason()),
                        (a, b) -> {
                            putText(b, a.requestId());
                            putBoolean(b.putInt(a.ledger()).putLong(a.amount()), a.credit());
                            putText(b, a.reason());
                        },
                        b -> new AdjustCreditLender(getText(b), b.getInt(), b.getLong(), getBoolean(b), getText(b))),
                new CommandType<>(116, UseScoreModel.class, u -> 4,
                        (u, b) -> b.putInt(u.version()),
                        b -> new UseScoreModel(b.getInt())));
    }
}
