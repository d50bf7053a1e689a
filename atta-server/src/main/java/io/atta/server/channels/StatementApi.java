package io.atta.server.channels;

import io.atta.cluster.HistoryReader;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.engine.channel.Channel;
import io.atta.engine.channel.ChannelAccounts;
import io.atta.engine.channel.DepositRecord;
import io.atta.engine.channel.WithdrawalRecord;
import io.atta.engine.channel.WithdrawalStatus;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A channel's statement for one day (docs/API.md, Statements), for matching against the bank's
 * own file: the deposits made that day and the withdrawals confirmed that day, each with its
 * ids, user, amount, reference and time, their counts and totals, the net, and beside them how
 * the channel's clearing accounts moved that day, summed over every shard. The two agree by
 * construction (every posting to a clearing account is a deposit or a confirmed withdrawal);
 * showing both lets the reader check it.
 */
final class StatementApi {
    private static final long nanosPerSecond = 1_000_000_000L;
    private static final Set<String> query = Set.of("date", "time_zone");

    private record ShardDay(List<DepositRecord> deposits, List<WithdrawalRecord> withdrawals, long debits,
                            long credits) {
    }

    private final ServerLedger ledger;
    private final ChannelDirectory directory;

    StatementApi(ServerLedger ledger, ChannelDirectory directory) {
        this.ledger = ledger;
        this.directory = directory;
    }

    /** {@code GET /v1/channels/{channel_id}/statement?date=YYYY-MM-DD&time_zone=UTC} (that channel, admin). */
    CompletableFuture<Reply> get(ApiCall call) {
        long channelId = ChannelRoutes.channelInPath(call);
        String dateText = call.query("date", query);
        if (dateText == null) {
            throw ApiException.missingField("date");
        }
        String zoneText = call.query("time_zone", query);
        LocalDate date;
        try {
            date = LocalDate.parse(dateText);
        } catch (DateTimeException e) {
            throw ApiException.invalidField("date", "must be a day as YYYY-MM-DD, such as \"2026-12-07\"");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText == null ? "UTC" : zoneText);
        } catch (DateTimeException e) {
            throw ApiException.invalidField("time_zone", "must be a time zone id such as \"UTC\" or \"Asia/Shanghai\"");
        }
        long from = nanos(date.atStartOfDay(zone).toEpochSecond());
        long to = nanos(date.plusDays(1).atStartOfDay(zone).toEpochSecond());
        return directory.channel(channelId, null).thenCompose(channel -> {
            List<CompletableFuture<ShardDay>> days = new ArrayList<>();
            for (int s = 0; s < ledger.shardCount(); s++) {
                days.add(day(channel, s, from, to));
            }
            return CompletableFuture.allOf(days.toArray(new CompletableFuture<?>[0]))
                    .thenApply(v -> reply(channel, date, zone, days.stream().map(CompletableFuture::join).toList()));
        });
    }

    private static long nanos(long epochSecond) {
        return Math.multiplyExact(epochSecond, nanosPerSecond);
    }

    /** One shard's part: its records of the day, and its clearing account's posted movement in [from, to). */
    private CompletableFuture<ShardDay> day(Channel channel, int shard, long from, long to) {
        long channelId = channel.channelId();
        long clearing = ChannelAccounts.clearingId(channelId, ledger.homeSlotOf(shard));
        CompletableFuture<ShardDay> records = ledger.readShard(shard, l -> new ShardDay(
                List.copyOf(l.channels().deposits(channelId, from, to)),
                l.channels().resolvedWithdrawals(channelId, from, to).stream()
                        .filter(w -> w.status() == WithdrawalStatus.confirmed).toList(), 0, 0));
        return records.thenCompose(r -> ledger.history(shard).thenApply(history -> {
            long[] start = posted(history, clearing, from - 1);
            long[] end = posted(history, clearing, to - 1);
            return new ShardDay(r.deposits(), r.withdrawals(), Math.subtractExact(end[0], start[0]),
                    Math.subtractExact(end[1], start[1]));
        }));
    }

    /** The clearing account's posted debits and credits after its last change at or before {@code at}. */
    private static long[] posted(HistoryReader history, long clearing, long at) {
        Optional<BalanceEvent> e = history.balanceAt(clearing, at);
        return e.map(b -> new long[] {b.debitsPosted(), b.creditsPosted()}).orElse(new long[2]);
    }

    private static Reply reply(Channel channel, LocalDate date, ZoneId zone, List<ShardDay> shards) {
        List<DepositRecord> deposits = new ArrayList<>();
        List<WithdrawalRecord> withdrawals = new ArrayList<>();
        long debits = 0;
        long credits = 0;
        for (ShardDay d : shards) {
            deposits.addAll(d.deposits());
            withdrawals.addAll(d.withdrawals());
            debits = Math.addExact(debits, d.debits());
            credits = Math.addExact(credits, d.credits());
        }
        deposits.sort(Comparator.comparingLong(DepositRecord::createdAt).thenComparingLong(DepositRecord::transferId));
        withdrawals.sort(Comparator.comparingLong(WithdrawalRecord::resolvedAt)
                .thenComparingLong(WithdrawalRecord::withdrawalId));
        long deposited = 0;
        for (DepositRecord d : deposits) {
            deposited = Math.addExact(deposited, d.amount());
        }
        long withdrawn = 0;
        for (WithdrawalRecord w : withdrawals) {
            withdrawn = Math.addExact(withdrawn, w.amount());
        }
        Currency currency = Currency.ofLedger(channel.ledger());
        long depositTotal = deposited;
        long withdrawalTotal = withdrawn;
        long clearingDebits = debits;
        long clearingCredits = credits;
        return Reply.ok(g -> {
            g.writeStringField("channel_id", Long.toString(channel.channelId()));
            g.writeStringField("date", date.toString());
            g.writeStringField("time_zone", zone.getId());
            g.writeStringField("currency", currency.name());
            g.writeArrayFieldStart("deposits");
            for (DepositRecord d : deposits) {
                g.writeStartObject();
                ChannelJson.deposit(g, d);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("withdrawals");
            for (WithdrawalRecord w : withdrawals) {
                g.writeStartObject();
                ChannelJson.withdrawal(g, w);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("deposit_count", deposits.size());
            g.writeStringField("deposit_total", Amounts.format(depositTotal, currency));
            g.writeNumberField("withdrawal_count", withdrawals.size());
            g.writeStringField("withdrawal_total", Amounts.format(withdrawalTotal, currency));
            g.writeStringField("net", Amounts.format(Math.subtractExact(depositTotal, withdrawalTotal), currency));
            g.writeObjectFieldStart("clearing");
            g.writeStringField("debits_posted", Amounts.format(clearingDebits, currency));
            g.writeStringField("credits_posted", Amounts.format(clearingCredits, currency));
            g.writeStringField("net", Amounts.format(Math.subtractExact(clearingDebits, clearingCredits), currency));
            g.writeEndObject();
        });
    }
}
