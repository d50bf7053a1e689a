package io.atta.core.command;

import static io.atta.core.command.CommandFields.getBoolean;
import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putBoolean;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import java.util.List;

/** Funding channels (banks): the channels, deposits, withdrawals and the channels' answers. */
public final class ChannelFamily implements CommandFamily {
    @Override
    public String name() {
        return "channel";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(20, CreateChannel.class, ch -> 8 + textBytes(ch.name()) + 4,
                        (ch, b) -> {
                            b.putLong(ch.channelId());
                            putText(b, ch.name());
                            b.putInt(ch.ledger());
                        },
                        b -> new CreateChannel(b.getLong(), getText(b), b.getInt())),
                new CommandType<>(21, Deposit.class, d -> 8 + 8 + 8 + 8 + 4 + textBytes(d.channelRef()),
                        (d, b) -> {
                            b.putLong(d.transferId()).putLong(d.channelId()).putLong(d.userId()).putLong(d.amount())
                                    .putInt(d.ledger());
                            putText(b, d.channelRef());
                        },
                        b -> new Deposit(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(), getText(b))),
                new CommandType<>(22, RequestWithdrawal.class, w -> 8 + 8 + 8 + 8 + 4 + 4 + textBytes(w.requestId()),
                        (w, b) -> {
                            b.putLong(w.withdrawalId()).putLong(w.channelId()).putLong(w.userId())
                                    .putLong(w.amount()).putInt(w.ledger()).putInt(w.timeoutSeconds());
                            putText(b, w.requestId());
                        },
                        b -> new RequestWithdrawal(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(),
                                b.getInt(), getText(b))),
                new CommandType<>(23, ResolveWithdrawal.class, w -> 8 + 8 + 1 + textBytes(w.channelRef()),
                        (w, b) -> {
                            putBoolean(b.putLong(w.withdrawalId()).putLong(w.channelId()), w.confirm());
                            putText(b, w.channelRef());
                        },
                        b -> new ResolveWithdrawal(b.getLong(), b.getLong(), getBoolean(b), getText(b))));
    }
}
