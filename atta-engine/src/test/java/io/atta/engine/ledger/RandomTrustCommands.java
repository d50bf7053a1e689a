package io.atta.engine.ledger;

import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.Limits;
import io.atta.core.command.Adjust;
import io.atta.core.command.Command;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.Deposit;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.ResolveWithdrawal;
import io.atta.engine.channel.WithdrawalRecord;
import io.atta.engine.channel.WithdrawalStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The part of {@link RandomBatches} that draws channel money and adjustments: channels (one in
 * each currency the users hold, a repeat, a bad one), deposits, withdrawals with short
 * timeouts so that ticks expire some, the channels' answers (right and wrong channel, twice,
 * late), and operators' credits and debits; each now and then repeated, altered or invalid.
 */
final class RandomTrustCommands {
    private final SplittableRandom rnd;
    private final long[] users;
    private final long[] channels;
    private final int[] channelLedgers = {Currency.CNY.ledger(), Currency.CNY.ledger(), Currency.USD.ledger()};
    private final List<Command> sent = new ArrayList<>();
    private long nextLocal;

    RandomTrustCommands(SplittableRandom rnd, long[] users, int homeSlot, int otherSlot, long firstLocal) {
        this.rnd = rnd;
        this.users = users;
        this.channels = new long[] {Ids.compose(otherSlot, firstLocal), Ids.compose(homeSlot, firstLocal + 1),
                Ids.compose(otherSlot, firstLocal + 2)};
        this.nextLocal = 1 + rnd.nextLong(1L << 40);
    }

    /** The channels, for the first batch. */
    List<Command> opening() {
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < channels.length; i++) {
            out.add(new CreateChannel(channels[i], "channel " + i, channelLedgers[i]));
        }
        return out;
    }

    Command next(ReferenceLedger model) {
        int p = rnd.nextInt(100);
        Command c;
        if (p < 5 && !sent.isEmpty()) {
            c = sent.get(rnd.nextInt(sent.size()));
        } else if (p < 30) {
            c = deposit();
        } else if (p < 55) {
            c = withdrawal();
        } else if (p < 80) {
            c = answer(model);
        } else if (p < 97) {
            c = adjust();
        } else {
            int i = rnd.nextInt(channels.length);
            c = rnd.nextBoolean() ? new CreateChannel(channels[i], "channel " + i, channelLedgers[i])
                    : new CreateChannel(rnd.nextBoolean() ? channels[i] : 0, "renamed", 999);
        }
        sent.add(c);
        return c;
    }

    private Deposit deposit() {
        int i = rnd.nextInt(channels.length);
        long user = user();
        return new Deposit(id(user), channel(i), user, amount(), ledger(i), "ref-" + rnd.nextInt(1000));
    }

    private RequestWithdrawal withdrawal() {
        int i = rnd.nextInt(channels.length);
        long user = user();
        int q = rnd.nextInt(100);
        int timeout = q < 80 ? 1 + rnd.nextInt(20) : q < 90 ? 0 : q < 95 ? Limits.maxTimeoutSeconds + 1 : -1;
        return new RequestWithdrawal(id(user), channel(i), user, amount() / 4, ledger(i), timeout,
                "req-" + rnd.nextInt(1000));
    }

    /** Mostly an answer to a pending withdrawal by its channel; sometimes late, repeated, another's or unknown. */
    private ResolveWithdrawal answer(ReferenceLedger model) {
        List<WithdrawalRecord> known = model.channels.withdrawals.values().stream()
                .sorted(java.util.Comparator.comparingLong(WithdrawalRecord::withdrawalId)).toList();
        List<WithdrawalRecord> pending = known.stream().filter(w -> w.status() == WithdrawalStatus.pending).toList();
        int q = rnd.nextInt(100);
        WithdrawalRecord w = q < 75 && !pending.isEmpty() ? pending.get(rnd.nextInt(pending.size()))
                : !known.isEmpty() ? known.get(rnd.nextInt(known.size())) : null;
        long id = w == null || rnd.nextInt(20) == 0 ? Ids.platformId(0, nextLocal++) : w.withdrawalId();
        long channel = w == null || rnd.nextInt(10) == 0 ? channels[rnd.nextInt(channels.length)] : w.channelId();
        return new ResolveWithdrawal(id, channel, rnd.nextInt(3) != 0, "bank-" + rnd.nextInt(100));
    }

    private Adjust adjust() {
        long user = user();
        int ledger = rnd.nextInt(10) == 0 ? Currency.USD.ledger() : rnd.nextInt(30) == 0 ? 999 : Currency.CNY.ledger();
        String[] reasons = {"", "goodwill", "chargeback"};
        return new Adjust(id(user), user, amount(), ledger, rnd.nextBoolean(), rnd.nextInt(3),
                reasons[rnd.nextInt(reasons.length)]);
    }

    private long user() {
        return rnd.nextInt(30) == 0 ? Ids.compose(Ids.slotOf(users[0]), Ids.localMask - rnd.nextInt(10))
                : users[rnd.nextInt(users.length)];
    }

    private long channel(int i) {
        return rnd.nextInt(30) == 0 ? channels[i] + 1_000 : channels[i];
    }

    private int ledger(int channel) {
        return rnd.nextInt(15) == 0 ? channelLedgers[(channel + 1) % channelLedgers.length] : channelLedgers[channel];
    }

    private long id(long user) {
        int q = rnd.nextInt(100);
        if (q < 1) {
            return 0;
        }
        return Ids.platformId(Ids.slotOf(user), nextLocal++);
    }

    private long amount() {
        int p = rnd.nextInt(100);
        if (p < 2) {
            return 0;
        } else if (p < 4) {
            return -1 - rnd.nextInt(100);
        } else if (p < 6) {
            return Long.MAX_VALUE - rnd.nextLong(1_000);
        }
        return 1 + rnd.nextLong(p < 30 ? 100_000 : 2_000);
    }
}
