package io.atta.engine.access;

import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.CreateKey;
import io.atta.core.command.KeyFamily;
import io.atta.core.command.Result;
import io.atta.core.command.RevokeKey;
import io.atta.engine.channel.ChannelModule;
import io.atta.engine.ledger.LedgerModule;
import io.atta.engine.ledger.User;
import io.atta.engine.ledger.UserHook;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.trade.TradeModule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The API keys module ({@link Keys}, changed by {@link KeyCommands}). A user's own token is a key:
 * the ledger asks before a user takes an id and tells when a user is created. Without a section
 * (a snapshot from before keys) the keys are the users' own tokens.
 */
public final class KeyModule implements ShardModule, UserHook {
    private final Keys keys = new Keys();
    private final KeyCommands rules;
    private final LedgerModule ledger;

    public KeyModule(ShardServices shard) {
        this.ledger = shard.module(LedgerModule.class);
        this.rules = new KeyCommands(keys, ledger.postings(), shard.module(TradeModule.class).book(),
                shard.module(ChannelModule.class).book());
        ledger.addUserHook(this);
    }

    /** The read facade (under the shard's read lock). */
    public KeyBook book() {
        return keys;
    }

    @Override
    public String name() {
        return "key";
    }

    @Override
    public CommandFamily family() {
        return new KeyFamily();
    }

    @Override
    public void apply(Command c, long ts, Result[] out, int at) {
        if (c instanceof CreateKey k) {
            out[at] = rules.createKey(k, ts);
        } else if (c instanceof RevokeKey k) {
            out[at] = rules.revokeKey(k, ts);
        } else {
            throw new IllegalArgumentException("not a key command: " + c);
        }
    }

    @Override
    public boolean idTaken(long userId) {
        return rules.idTaken(userId);
    }

    @Override
    public void userCreated(User u) {
        rules.userCreated(u.id(), u.tokenHash0(), u.tokenHash1(), u.tokenHash2(), u.tokenHash3(), u.timestamp());
    }

    @Override
    public int sectionVersion() {
        return 1;
    }

    @Override
    public void writeSection(DataOutput out) throws IOException {
        KeysSnapshot.write(keys, out);
    }

    @Override
    public void readSection(DataInput in, int version) throws IOException {
        KeysSnapshot.read(keys, in);
    }

    @Override
    public void clear() {
        KeysSnapshot.clear(keys);
        for (User u : ledger.usersInIdOrder()) {
            userCreated(u);
        }
    }

    @Override
    public long digest() {
        return KeysSnapshot.digest(keys);
    }
}
