package io.atta.it;

import io.atta.client.AttaClient;
import io.atta.client.AttaClientException;
import io.atta.client.BatchResults;
import io.atta.client.NewTransfer;
import io.atta.client.P2pPayment;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.command.Result;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * One loader of {@link P2pCrashIT}: wallet-to-wallet payments, most of them across shards, sent
 * one at a time through {@code POST /v1/payments/p2p} or {@code POST /v1/transfers}, or a few at
 * a time in one {@code POST /v1/transfers}. Each payment carries a client-chosen id; when its
 * outcome is unknown (connection lost, 5xx, 429) the same request is sent again, or, now and
 * then, abandoned as a client that gave up would, leaving recovery alone to settle it.
 */
final class P2pLoader implements Runnable {
    /** A user's wallet and the shard it lives on. */
    record Wallet(long userId, long accountId, int shard) {
    }

    /**
     * A payment: {@code requestId} is set when it went through {@code /v1/payments/p2p}, whose
     * transfer id the server derives ({@code transferId} 0 until an answer names it).
     */
    record Payment(long transferId, String requestId, Wallet from, Wallet to, long amount) {
        boolean crossShard() {
            return from.shard() != to.shard();
        }

        Payment withTransferId(long id) {
            return new Payment(id, requestId, from, to, amount);
        }
    }

    /** Where loaders report: payments the server acknowledged, payments abandoned unanswered, failures. */
    record Sinks(ConcurrentLinkedQueue<Payment> acknowledged, ConcurrentLinkedQueue<Payment> abandoned,
                 AtomicLong acknowledgedCount, ConcurrentLinkedQueue<Throwable> failures) {
    }

    static final int maxBatchPayments = 8;
    static final long maxAmountMinor = 10_000;
    /** Share of payments whose two wallets are on different shards, in percent. */
    static final int crossShardPercent = 80;
    /**
     * One request in this many that was cut off after reaching the server is abandoned instead
     * of retried; requests the server never took (connection refused) are always retried, since
     * abandoning them would only show that nothing happened.
     */
    static final int abandonOneIn = 4;
    private static final long retryPauseMs = 50;
    private static final long answerBoundMs = TimeUnit.MINUTES.toMillis(2);

    private final AttaClient client;
    private final List<Wallet> wallets;
    private final int loader;
    private final long seed;
    private final AtomicBoolean loading;
    /** Held while one payment or batch is being sent: the test takes the other side to quiesce the load. */
    private final Lock sending;
    private final Sinks sinks;
    private final SplittableRandom random;
    private long nextTransferId;
    private long nextRequest;

    P2pLoader(AttaClient client, List<Wallet> wallets, int loader, long seed, AtomicBoolean loading, Lock sending,
              Sinks sinks) {
        this.client = client;
        this.wallets = wallets;
        this.loader = loader;
        this.seed = seed;
        this.loading = loading;
        this.sending = sending;
        this.sinks = sinks;
        this.random = new SplittableRandom(seed * 31 + loader);
        this.nextTransferId = (loader + 1L) << 40;
    }

    @Override
    public void run() {
        try {
            while (loading.get()) {
                int kind = random.nextInt(10);
                sending.lock();
                try {
                    if (kind < 3) {
                        p2p();
                    } else {
                        transfers(kind < 6 ? 1 : 2 + random.nextInt(maxBatchPayments - 1));
                    }
                } finally {
                    sending.unlock();
                }
            }
        } catch (Throwable t) {
            sinks.failures().add(t);
        }
    }

    private void p2p() {
        Payment p = newPayment(0, "p2p-" + loader + "-" + nextRequest++);
        boolean retry = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(answerBoundMs);
        while (true) {
            P2pPayment answer;
            try {
                answer = client.p2p(p.from().userId(), p.to().userId(), p.amount(), Currency.CNY, p.requestId());
            } catch (AttaClientException e) {
                if (giveUp(e, deadline, "payment " + p.requestId())) {
                    sinks.abandoned().add(p);
                    return;
                }
                retry = true;
                continue;
            }
            if (!(answer.result() == Result.ok || retry && answer.result() == Result.exists)) {
                throw new AssertionError("payment " + p.requestId() + " answered " + answer.result()
                        + (retry ? " on a retry" : "") + " (seed " + seed + ")");
            }
            assertCrossShard(answer.crossShard(), p);
            acknowledge(List.of(p.withTransferId(answer.transferId())));
            return;
        }
    }

    private void transfers(int count) {
        List<Payment> batch = new ArrayList<>(count);
        List<NewTransfer> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Payment p = newPayment(nextTransferId++, null);
            batch.add(p);
            items.add(NewTransfer.of(p.transferId(), p.from().accountId(), p.to().accountId(), p.amount(),
                    Currency.CNY));
        }
        boolean retry = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(answerBoundMs);
        while (true) {
            BatchResults r;
            try {
                r = client.createTransfers(items);
            } catch (AttaClientException e) {
                if (giveUp(e, deadline, "transfers from " + batch.get(0).transferId())) {
                    sinks.abandoned().addAll(batch);
                    return;
                }
                retry = true;
                continue;
            }
            for (int i = 0; i < r.size(); i++) {
                Result res = r.result(i);
                if (!(res == Result.ok || retry && res == Result.exists)) {
                    throw new AssertionError("transfer " + r.id(i) + " answered " + res
                            + (retry ? " on a retry" : "") + " (seed " + seed + ")");
                }
            }
            acknowledge(batch);
            return;
        }
    }

    /**
     * After a failed attempt: throws unless the outcome is merely unknown; true when this
     * payment is to be abandoned, false after a pause before the same request goes again.
     */
    private boolean giveUp(AttaClientException e, long deadline, String what) {
        boolean unknown = e.retryableWithSameIds();
        if (!unknown) {
            throw new AssertionError(what + " failed (seed " + seed + ")", e);
        }
        if (System.nanoTime() > deadline) {
            throw new AssertionError(what + " not answered within " + answerBoundMs + " ms (seed " + seed + ")", e);
        }
        if (!loading.get() || !refused(e) && random.nextInt(abandonOneIn) == 0) {
            // A client that gives up, now and then or once the load is over, leaves the outcome to recovery.
            return true;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(retryPauseMs));
        return false;
    }

    /** True when the server never took the request: nothing was sent, so nothing can have happened. */
    private static boolean refused(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private Payment newPayment(long transferId, String requestId) {
        Wallet from = wallets.get(random.nextInt(wallets.size()));
        boolean cross = random.nextInt(100) < crossShardPercent;
        Wallet to;
        do {
            to = wallets.get(random.nextInt(wallets.size()));
        } while (to == from || (to.shard() != from.shard()) != cross);
        // A transfer id of our own is in the payer's slot, as every transfer id must be.
        long id = transferId == 0 ? 0 : Ids.compose(Ids.slotOf(from.accountId()), transferId);
        return new Payment(id, requestId, from, to, 1 + random.nextLong(maxAmountMinor));
    }

    private void assertCrossShard(boolean answered, Payment p) {
        if (answered != p.crossShard()) {
            throw new AssertionError("payment " + p.requestId() + " answered cross_shard " + answered + " (seed "
                    + seed + ")");
        }
    }

    private void acknowledge(List<Payment> payments) {
        sinks.acknowledged().addAll(payments);
        sinks.acknowledgedCount().addAndGet(payments.size());
        synchronized (sinks) {
            sinks.notifyAll();
        }
    }
}
