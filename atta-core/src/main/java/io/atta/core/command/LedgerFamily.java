package io.atta.core.command;

import static io.atta.core.command.CommandFields.getBoolean;
import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putBoolean;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import java.util.List;

/** The ledger's commands: users, accounts, transfers, closing and reopening, operators' adjustments. */
public final class LedgerFamily implements CommandFamily {
    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(1, CreateUser.class, u -> 8 + 8 + 4 + 32,
                        (u, b) -> b.putLong(u.userId()).putLong(u.walletAccountId()).putInt(u.walletLedger())
                                .putLong(u.tokenHash0()).putLong(u.tokenHash1()).putLong(u.tokenHash2())
                                .putLong(u.tokenHash3()),
                        b -> new CreateUser(b.getLong(), b.getLong(), b.getInt(), b.getLong(), b.getLong(),
                                b.getLong(), b.getLong())),
                new CommandType<>(2, CreateAccount.class, a -> 8 + 8 + 4 + 4 + 4 + 8,
                        (a, b) -> b.putLong(a.id()).putLong(a.ownerUserId()).putInt(a.ledger()).putInt(a.code())
                                .putInt(a.flags()).putLong(a.userData()),
                        b -> new CreateAccount(b.getLong(), b.getLong(), b.getInt(), b.getInt(), b.getInt(),
                                b.getLong())),
                new CommandType<>(3, CreateTransfer.class, CommandFields::transferSize,
                        (t, b) -> CommandFields.putTransfer(b, t), CommandFields::getTransfer),
                new CommandType<>(4, CloseAccount.class, x -> 16,
                        (x, b) -> b.putLong(x.accountId()).putLong(x.actingUserId()),
                        b -> new CloseAccount(b.getLong(), b.getLong())),
                new CommandType<>(24, ReopenAccount.class, r -> 8, (r, b) -> b.putLong(r.accountId()),
                        b -> new ReopenAccount(b.getLong())),
                new CommandType<>(25, Adjust.class, a -> 8 + 8 + 8 + 4 + 1 + 8 + textBytes(a.reason()),
                        (a, b) -> {
                            b.putLong(a.transferId()).putLong(a.userId()).putLong(a.amount()).putInt(a.ledger());
                            putBoolean(b, a.credit());
                            b.putLong(a.actingKeyId());
                            putText(b, a.reason());
                        },
                        b -> new Adjust(b.getLong(), b.getLong(), b.getLong(), b.getInt(), getBoolean(b), b.getLong(),
                                getText(b))),
                new CommandType<>(26, FundedTransfer.class, f -> 4 + CommandFields.transferSize(f.transfer()),
                        (f, b) -> CommandFields.putTransfer(b.putInt(f.funding()), f.transfer()),
                        b -> new FundedTransfer(b.getInt(), CommandFields.getTransfer(b))),
                new CommandType<>(27, FundWallet.class, f -> 4 + 8 + 8 + 4 + 8,
                        (f, b) -> b.putInt(f.funding()).putLong(f.userId()).putLong(f.amount()).putInt(f.ledger())
                                .putLong(f.reference()),
                        b -> new FundWallet(b.getInt(), b.getLong(), b.getLong(), b.getInt(), b.getLong())));
    }
}
