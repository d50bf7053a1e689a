package io.atta.engine.ledger;

import io.atta.engine.access.KeysSnapshot;
import io.atta.engine.channel.ChannelsSnapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A 64-bit hash of a ledger's whole state, for comparing replicas and replays. It covers every
 * account, user and open pending transfer (in id order), the merchants and trades, the keys,
 * channels (with deposits and withdrawals) and adjustments, and a running
 * digest of every transfer record ever written, so two ledgers with equal hashes applied the same history.
 */
final class StateHash {
    private StateHash() {
    }

    static long mix(long h, long v) {
        long z = h ^ (v + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long mix(long h, TransferRecord r) {
        h = mix(h, r.id());
        h = mix(h, r.debitAccountId());
        h = mix(h, r.creditAccountId());
        h = mix(h, r.amount());
        h = mix(h, ((long) r.ledger() << 32) | r.code());
        h = mix(h, ((long) r.flags() << 32) | r.timeoutSeconds());
        h = mix(h, r.pendingId());
        h = mix(h, r.userData());
        h = mix(h, r.timestamp());
        return mix(h, r.status().code());
    }

    static long of(ShardLedger l) {
        long h = mix(l.shardId, l.lastTimestamp);
        h = mix(h, l.historyDigest);
        List<Long> ids = new ArrayList<>(l.accounts.keySet());
        Collections.sort(ids);
        for (long id : ids) {
            Account a = l.accounts.get(id);
            h = mix(h, a.id);
            h = mix(h, a.ownerUserId);
            h = mix(h, ((long) a.ledger << 32) | a.code);
            h = mix(h, a.flags);
            h = mix(h, a.userData);
            h = mix(h, a.timestamp);
            h = mix(h, a.debitsPending);
            h = mix(h, a.debitsPosted);
            h = mix(h, a.creditsPending);
            h = mix(h, a.creditsPosted);
        }
        ids = new ArrayList<>(l.users.keySet());
        Collections.sort(ids);
        for (long id : ids) {
            User u = l.users.get(id);
            h = mix(h, u.id());
            h = mix(h, u.walletAccountId());
            h = mix(h, u.tokenHash0() ^ u.tokenHash1() ^ u.tokenHash2() ^ u.tokenHash3());
            h = mix(h, u.timestamp());
        }
        ids = new ArrayList<>(l.openPending.keySet());
        Collections.sort(ids);
        for (long id : ids) {
            h = mix(h, l.openPending.get(id));
        }
        ids = new ArrayList<>(l.transactions.coordinated.keySet());
        Collections.sort(ids);
        for (long id : ids) {
            Transactions.Coordinated c = l.transactions.coordinated.get(id);
            h = mix(h, c.txId);
            h = mix(h, c.digest);
            h = mix(h, c.participants);
            h = mix(h, c.beganAt);
            h = mix(h, ((long) c.state.code() << 40) | ((long) c.reason.code() << 32) | (c.failedLeg & 0xffffffffL));
        }
        List<Transactions.Prepared> prepared = new ArrayList<>(l.transactions.prepared.values());
        prepared.sort(java.util.Comparator.comparingInt(Transactions.Prepared::coordinator)
                .thenComparingLong(Transactions.Prepared::txId));
        for (Transactions.Prepared p : prepared) {
            h = mix(h, ((long) p.coordinator() << 32) ^ p.txId());
            h = mix(h, p.preparedAt());
            for (TransferRecord r : p.pieces()) {
                h = mix(h, r);
            }
        }
        h = mix(h, io.atta.engine.trade.TradeSnapshot.digest(l.trades));
        h = mix(h, KeysSnapshot.digest(l.keys));
        h = mix(h, ChannelsSnapshot.digest(l.channels));
        return mix(h, SnapshotDigest.of(l.adjustments::write));
    }
}
