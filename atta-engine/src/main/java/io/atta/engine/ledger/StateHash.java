package io.atta.engine.ledger;

import io.atta.engine.shard.StateDigest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ledger module's part of the shard's state hash: every account, user and open pending
 * transfer (in id order), the adjustments, and a running digest of every transfer record ever
 * written, so two ledgers with equal digests applied the same history.
 */
public final class StateHash {
    private StateHash() {
    }

    static long mix(long h, long v) {
        return StateDigest.mix(h, v);
    }

    /** Folds a transfer record into {@code h}: for every module that keeps transfer records. */
    public static long mix(long h, TransferRecord r) {
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

    static long of(LedgerModule l) {
        long h = mix(l.shardId, l.historyDigest);
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
        return mix(h, SnapshotDigest.of(l.adjustments::write));
    }
}
