package io.atta.server;

import io.atta.cluster.AccountPage;
import io.atta.cluster.HistoryReader;
import io.atta.cluster.LedgerService;
import io.atta.cluster.Routing;
import io.atta.cluster.ServiceException;
import io.atta.cluster.TransferRow;
import io.atta.core.Ids;
import io.atta.core.TransferFlags;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.ledger.TransferRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A {@link LedgerService} in memory for tests of the HTTP layer: each shard is a
 * {@link ShardLedger} with an {@link InMemoryTransferStore} behind a lock, each batch stamped one
 * microsecond after the last. It counts submissions, and can be told to refuse them as a busy
 * or leaderless shard would.
 */
final class InMemoryLedgerService implements LedgerService {
    private final Shard[] shards;
    private final AtomicLong clockNanos = new AtomicLong(1_800_000_000_000_000_000L);
    private final AtomicReference<ServiceException.Reason> refusing = new AtomicReference<>();
    private final AtomicLong submissions = new AtomicLong();

    private static final class Shard {
        final InMemoryTransferStore store = new InMemoryTransferStore();
        final ShardLedger ledger;

        Shard(int shard, int homeSlot, int count) {
            ledger = new ShardLedger(shard, homeSlot, slot -> shardOfSlot(slot, count) == shard, store);
        }
    }

    InMemoryLedgerService(int shardCount) {
        shards = new Shard[shardCount];
        for (int s = 0; s < shardCount; s++) {
            shards[s] = new Shard(s, homeSlot(s, shardCount), shardCount);
        }
    }

    private static int shardOfSlot(int slot, int count) {
        return (int) ((long) slot * count / Ids.slotCount);
    }

    private static int homeSlot(int shard, int count) {
        for (int slot = 0; slot < Ids.slotCount; slot++) {
            if (shardOfSlot(slot, count) == shard) {
                return slot;
            }
        }
        throw new IllegalArgumentException("no slot for shard " + shard);
    }

    @Override
    public java.util.function.LongSupplier clock() {
        return clockNanos::get;
    }

    /** Moves the clock that stamps batches forward by {@code seconds}, as time passing would. */
    void advanceClock(long seconds) {
        clockNanos.addAndGet(seconds * 1_000_000_000L);
    }

    /** From now on submissions fail with {@code reason}; null lets them through again. */
    void refuseSubmissions(ServiceException.Reason reason) {
        refusing.set(reason);
    }

    /** How many batches were submitted, refused ones included: a refused request submits none. */
    long submissions() {
        return submissions.get();
    }

    private final io.atta.cluster.transaction.TransactionCoordinator transactions =
            new io.atta.cluster.transaction.TransactionCoordinator(this,
                    new io.atta.cluster.transaction.Retrier(this, (task, ms) -> CompletableFuture
                            .delayedExecutor(ms, java.util.concurrent.TimeUnit.MILLISECONDS).execute(task)),
                    io.atta.cluster.transaction.CrashPoints.none(), clockNanos::get);

    @Override
    public CompletableFuture<Result[]> transact(io.atta.core.command.CreateTransfer[] legs) {
        return transactions.execute(legs);
    }

    @Override
    public int shardCount() {
        return shards.length;
    }

    /** The default table, which {@link #shardOf} and {@link #homeSlotOf} follow too. */
    @Override
    public Routing routing() {
        return new Routing(shards.length);
    }

    @Override
    public int shardOf(long userOrAccountId) {
        return shardOfSlot(Ids.slotOf(userOrAccountId), shards.length);
    }

    @Override
    public int homeSlotOf(int shard) {
        return shards[shard].ledger.homeSlot();
    }

    @Override
    public CompletableFuture<Result[]> submit(int shard, Command[] commands) {
        submissions.incrementAndGet();
        ServiceException.Reason reason = refusing.get();
        if (reason != null) {
            return CompletableFuture.failedFuture(new ServiceException(reason, "refused by the test"));
        }
        Shard s = shards[shard];
        synchronized (s) {
            return CompletableFuture.completedFuture(s.ledger.apply(clockNanos.addAndGet(1000), commands));
        }
    }

    @Override
    public <T> CompletableFuture<T> read(int shard, Function<ShardLedger, T> reader) {
        Shard s = shards[shard];
        synchronized (s) {
            return CompletableFuture.completedFuture(reader.apply(s.ledger));
        }
    }

    @Override
    public <T> T readStale(int shard, Function<ShardLedger, T> reader) {
        Shard s = shards[shard];
        synchronized (s) {
            return reader.apply(s.ledger);
        }
    }

    @Override
    public CompletableFuture<Void> awaitConsistent(int shard) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public HistoryReader history(int shard) {
        Shard s = shards[shard];
        return new HistoryReader() {
            @Override
            public Optional<TransferRecord> transfer(long id) {
                synchronized (s) {
                    return Optional.ofNullable(s.store.get(id));
                }
            }

            @Override
            public Optional<TransferRecord> resolutionOf(long pendingId) {
                synchronized (s) {
                    return s.store.records().values().stream()
                            .filter(r -> r.pendingId() == pendingId
                                    && (r.flags() & (TransferFlags.postPending | TransferFlags.voidPending)) != 0)
                            .findFirst();
                }
            }

            @Override
            public List<TransferRow> accountTransfers(long accountId, long fromTs, long toTs, int limit) {
                synchronized (s) {
                    AccountPage page = new AccountPage(fromTs, toTs, limit);
                    List<BalanceEvent> events = s.store.events();
                    for (int i = events.size() - 1; i >= 0; i--) {
                        BalanceEvent e = events.get(i);
                        if (e.accountId() == accountId && !page.offer(e)) {
                            break;
                        }
                    }
                    List<TransferRow> out = new ArrayList<>();
                    for (long id : page.ids()) {
                        TransferRecord r = s.store.get(id);
                        out.add(new TransferRow(r, TransferRow.resolvedByTransfer(r) ? resolutionOf(id).orElse(null)
                                : null));
                    }
                    return out;
                }
            }

            @Override
            public Optional<BalanceEvent> balanceAt(long accountId, long timestamp) {
                synchronized (s) {
                    List<BalanceEvent> events = s.store.events();
                    for (int i = events.size() - 1; i >= 0; i--) {
                        BalanceEvent e = events.get(i);
                        if (e.accountId() == accountId && e.timestamp() <= timestamp) {
                            return Optional.of(e);
                        }
                    }
                    return Optional.empty();
                }
            }
        };
    }
}
