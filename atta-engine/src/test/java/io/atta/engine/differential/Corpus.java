package io.atta.engine.differential;

import io.atta.core.command.Adjust;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Deposit;
import io.atta.core.command.PayGatewayTrade;
import io.atta.core.command.PayTrade;
import io.atta.core.command.PrepareTransaction;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.Result;
import io.atta.core.gateway.CreateApp;
import io.atta.engine.gateway.GatewayNotice;
import io.atta.engine.gateway.GatewayNotification;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.trade.Notification;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The recorded differential corpus: seeded logs as the Raft log holds them (batches encoded by
 * {@link BatchCodec}), each with the results the shard of the day answered per batch and, after
 * the last batch, what a user could read: every account's balances, the trades and orders,
 * merchants and apps, keys, channels with their deposits and withdrawals, adjustments, open
 * pending transfers and cross-shard transactions. Results are written by name, so a change of
 * their numeric codes leaves the corpus valid.
 *
 * <p>Layout (gzip of big-endian data): {@code version:i32, logs:i32}, then per log
 * {@code name, shardId:i32, homeSlot:i32, foreignSlot:i32, batches:i32, per batch (entry, results),
 * views:i32, view…}; byte strings and texts as {@code length:i32, bytes}.
 */
public final class Corpus {
    static final int version = 1;
    public static final String resource = "/differential/corpus.bin.gz";

    /** One recorded log: its entries, the results of each, and the views at its end. */
    public record Recorded(CorpusLog shape, List<byte[]> entries, List<String> results, List<String> views) {
    }

    private Corpus() {
    }

    /**
     * Every notification waiting, the merchants' webhooks and the gateway's, longest due first, as
     * the shard the corpus was recorded with wrote them: one outbox, whose record ended with the
     * gateway's part ({@code gateway=null} for a webhook).
     */
    private static List<String> notifications(ShardLedger l) {
        record Due(long at, long seq, String text) {
        }
        List<Due> due = new ArrayList<>();
        for (Notification n : l.trades().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE)) {
            due.add(new Due(n.nextAttemptAt(), n.seq(), withGateway(n, null)));
        }
        for (GatewayNotification g : l.gateway().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE)) {
            due.add(new Due(g.nextAttemptAt(), g.seq(), withGateway(g.notification(), g.notice())));
        }
        due.sort(java.util.Comparator.comparingLong(Due::at).thenComparingLong(Due::seq));
        return due.stream().map(Due::text).toList();
    }

    private static String withGateway(Notification n, GatewayNotice g) {
        String text = n.toString();
        return text.substring(0, text.length() - 1) + ", gateway=" + g + "]";
    }

    /** The results of one batch, as recorded: names joined by commas. */
    public static String resultsText(Result[] results) {
        return Arrays.stream(results).map(Result::apiName).collect(Collectors.joining(","));
    }

    /** What a user could read of the shard after the log, one line per thing, in a fixed order. */
    public static List<String> views(ShardLedger l, List<byte[]> entries) {
        TreeSet<Long> trades = new TreeSet<>();
        TreeSet<Long> merchants = new TreeSet<>();
        TreeSet<Long> apps = new TreeSet<>();
        TreeSet<Long> deposits = new TreeSet<>();
        TreeSet<Long> withdrawals = new TreeSet<>();
        TreeSet<Long> adjustments = new TreeSet<>();
        TreeSet<Long> transactions = new TreeSet<>();
        TreeSet<Long> transfers = new TreeSet<>();
        for (byte[] e : entries) {
            for (Command c : BatchCodec.decode(ByteBuffer.wrap(e)).commands()) {
                if (c instanceof CreateTrade t) {
                    trades.add(t.tradeNo());
                    merchants.add(t.merchantId());
                } else if (c instanceof PayTrade p) {
                    trades.add(p.tradeNo());
                } else if (c instanceof PayGatewayTrade g) {
                    trades.add(g.payment().tradeNo());
                } else if (c instanceof CreateApp a) {
                    apps.add(a.appId());
                } else if (c instanceof Deposit d) {
                    deposits.add(d.transferId());
                } else if (c instanceof RequestWithdrawal w) {
                    withdrawals.add(w.withdrawalId());
                } else if (c instanceof Adjust a) {
                    adjustments.add(a.transferId());
                } else if (c instanceof BeginTransaction b) {
                    transactions.add(b.txId());
                } else if (c instanceof PrepareTransaction p) {
                    transactions.add(p.txId());
                } else if (c instanceof CreateTransfer t) {
                    transfers.add(t.id());
                }
            }
        }
        List<String> out = new ArrayList<>();
        List<AccountState> accounts = l.accounts();
        accounts.sort((x, y) -> Long.compare(x.id(), y.id()));
        accounts.forEach(a -> out.add("account " + a));
        out.add("counts accounts=" + l.accountCount() + " users=" + l.userCount() + " openPending="
                + l.openPendingCount() + " lastTimestamp=" + l.lastTimestamp() + " nextDueAt=" + l.nextDueAt());
        for (long id : transfers) {
            TransferRecord r = l.openPendingTransfer(id);
            if (r != null) {
                out.add("pending " + r);
            }
        }
        for (long tx : transactions) {
            out.add("transaction " + tx + " " + l.transactionState(tx));
        }
        l.activeTransactions().stream().map(t -> "active " + t.txId() + " " + t.participants() + " " + t.legs().length + " " + t.state() + " "
                + t.reason() + " " + t.failedLeg() + " " + t.beganAt())
                .sorted().forEach(out::add);
        l.preparedTransactions().stream().map(p -> "prepared " + p).sorted().forEach(out::add);
        for (long m : merchants) {
            out.add("merchant " + l.trades().merchant(m));
        }
        for (long a : apps) {
            out.add("app " + l.app(a));
        }
        for (long t : trades) {
            out.add("order " + l.trades().order(t));
            out.add("trade " + l.trades().trade(t));
        }
        out.add("trades orders=" + l.trades().orderCount() + " trades=" + l.trades().tradeCount() + " outbox="
                + (l.trades().outboxSize() + l.gateway().outboxSize()) + " abandoned="
                + l.trades().abandonedNotifications() + " held="
                + l.trades().heldByLedger());
        notifications(l).forEach(n -> out.add("notification " + n));
        l.keys().all().forEach(k -> out.add("key " + k));
        l.channels().channels().forEach(c -> out.add("channel " + c));
        for (long d : deposits) {
            out.add("deposit " + d + " " + l.channels().deposit(d));
        }
        for (long w : withdrawals) {
            out.add("withdrawal " + w + " " + l.channels().withdrawal(w));
        }
        for (long a : adjustments) {
            out.add("adjustment " + a + " " + l.adjustment(a));
        }
        return out;
    }

    public static void write(List<Recorded> logs, OutputStream to) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(to))) {
            out.writeInt(version);
            out.writeInt(logs.size());
            for (Recorded r : logs) {
                CorpusLog s = r.shape();
                text(out, s.name());
                out.writeInt(s.shardId());
                out.writeInt(s.homeSlot());
                out.writeInt(s.foreignSlot());
                out.writeInt(r.entries().size());
                for (int i = 0; i < r.entries().size(); i++) {
                    bytes(out, r.entries().get(i));
                    text(out, r.results().get(i));
                }
                out.writeInt(r.views().size());
                for (String v : r.views()) {
                    text(out, v);
                }
            }
        }
    }

    public static List<Recorded> read(InputStream from) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(from))) {
            int v = in.readInt();
            if (v != version) {
                throw new IOException("corpus version " + v + ", expected " + version);
            }
            int logs = in.readInt();
            List<Recorded> out = new ArrayList<>(logs);
            for (int k = 0; k < logs; k++) {
                String name = text(in);
                int shardId = in.readInt();
                int homeSlot = in.readInt();
                int foreignSlot = in.readInt();
                int n = in.readInt();
                List<byte[]> entries = new ArrayList<>(n);
                List<String> results = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    entries.add(bytes(in));
                    results.add(text(in));
                }
                int views = in.readInt();
                List<String> lines = new ArrayList<>(views);
                for (int i = 0; i < views; i++) {
                    lines.add(text(in));
                }
                out.add(new Recorded(new CorpusLog(name, shardId, homeSlot, foreignSlot, List.of()), entries, results,
                        lines));
            }
            return out;
        }
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        bytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }
}
