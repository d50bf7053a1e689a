package io.atta.server.channels;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.auth.Role;
import io.atta.core.command.Command;
import io.atta.core.command.CreateChannel;
import io.atta.core.command.CreateKey;
import io.atta.core.command.Result;
import io.atta.engine.channel.Channel;
import io.atta.engine.channel.ChannelAccounts;
import io.atta.engine.ledger.AccountState;
import io.atta.server.auth.Caller;
import io.atta.server.auth.UserTokens;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Funding channels (docs/API.md, Channels): an operator creates one and receives its first key;
 * operators list them; a channel reads itself, with its position (the money that entered through
 * it and has not left, summed over its clearing accounts on every shard).
 */
final class ChannelApi {
    /** Longest channel name, in characters. */
    static final int maxChannelNameLength = 64;
    /** How often a channel is drawn again when its random id is taken. */
    static final int maxCreateAttempts = 8;
    private static final Set<String> createFields = Set.of("name", "currency");

    private final ServerLedger ledger;
    private final ChannelDirectory directory;
    private final SecureRandom random = new SecureRandom();

    ChannelApi(ServerLedger ledger, ChannelDirectory directory) {
        this.ledger = ledger;
        this.directory = directory;
    }

    /** {@code POST /v1/channels} (admin): 201 with the channel and its first key, shown this once. */
    CompletableFuture<Reply> create(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", createFields);
        String name = body.string("name").strip();
        if (name.isEmpty() || name.length() > maxChannelNameLength) {
            throw ApiException.invalidField("name", "must be 1 to " + maxChannelNameLength
                    + " characters (maxChannelNameLength)");
        }
        Currency currency = body.currency("currency");
        return create(call.caller(), name, currency, 1);
    }

    private CompletableFuture<Reply> create(Caller caller, String name, Currency currency, int attempt) {
        int slot = random.nextInt(Ids.slotCount);
        long channelId = randomId(slot);
        int home = ledger.shardOf(channelId);
        CreateChannel create = new CreateChannel(channelId, name, currency.ledger());
        return ledger.submit(home, new Command[] {create}).thenCompose(rs -> {
            if (rs[0] == Result.ok) {
                return everywhereElse(create, home).thenCompose(v -> firstKey(caller, channelId, name))
                        .thenApply(key -> Reply.object(201, g -> {
                            writeChannel(g, new Channel(channelId, name, currency.ledger(), 0), false);
                            g.writeStringField("key_id", Long.toString(key.keyId()));
                            g.writeStringField("key", key.text());
                        }));
            }
            // A random id that is taken (a channel's, or its clearing account's): draw again.
            if (attempt < maxCreateAttempts) {
                return create(caller, name, currency, attempt + 1);
            }
            throw new IllegalStateException("creating a channel failed: " + rs[0].apiName());
        });
    }

    /** The channel on every other shard; a shard this misses gets it with its first deposit or withdrawal. */
    private CompletableFuture<Void> everywhereElse(CreateChannel create, int home) {
        Channel channel = new Channel(create.channelId(), create.name(), create.ledger(), 0);
        List<CompletableFuture<Void>> copies = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            if (s != home) {
                copies.add(directory.copyTo(channel, s));
            }
        }
        return CompletableFuture.allOf(copies.toArray(new CompletableFuture<?>[0]));
    }

    /** A key as its creation answers it, the one time its text is shown. */
    private record NewKey(long keyId, String text) {
    }

    /** The channel's first key, in the channel id's slot. */
    private CompletableFuture<NewKey> firstKey(Caller caller, long channelId, String name) {
        long keyId = randomId(Ids.slotOf(channelId));
        String key = UserTokens.issue(keyId, random);
        long[] h = UserTokens.words(UserTokens.sha256(key));
        CreateKey create = new CreateKey(keyId, Role.channel, channelId, 0, h[0], h[1], h[2], h[3],
                "first key of channel " + name, caller.keyId());
        return ledger.submit(ledger.shardOf(keyId), new Command[] {create}).thenApply(rs -> {
            if (rs[0] != Result.ok) {
                throw new IllegalStateException("creating channel " + channelId + "'s key failed: "
                        + rs[0].apiName());
            }
            return new NewKey(keyId, key);
        });
    }

    /** An id in the user range of {@code slot}, outside the platform's derived range. */
    private long randomId(int slot) {
        long span = Ids.platformLocalBit - Ids.firstUserLocalId;
        return Ids.compose(slot, Ids.firstUserLocalId + (random.nextLong() & Long.MAX_VALUE) % span);
    }

    /** {@code GET /v1/channels} (admin): every channel any shard knows, oldest first. */
    CompletableFuture<Reply> list(ApiCall call) {
        call.query("none", Set.of());
        List<CompletableFuture<List<Channel>>> reads = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            reads.add(ledger.readShard(s, l -> List.copyOf(l.channels().channels())));
        }
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Map<Long, Channel> known = new LinkedHashMap<>();
            for (int s = 0; s < reads.size(); s++) {
                for (Channel c : reads.get(s).join()) {
                    // The home shard's record is the channel's; a copy stands in until the home one is read.
                    if (s == ledger.shardOf(c.channelId())) {
                        known.put(c.channelId(), c);
                    } else {
                        known.putIfAbsent(c.channelId(), c);
                    }
                }
            }
            List<Channel> all = new ArrayList<>(known.values());
            all.sort(Comparator.comparingLong(Channel::createdAt).thenComparingLong(Channel::channelId));
            return Reply.ok(g -> {
                g.writeArrayFieldStart("channels");
                for (Channel c : all) {
                    g.writeStartObject();
                    writeChannel(g, c, true);
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    /** {@code GET /v1/channels/{channel_id}} (admin, that channel): the channel and its position. */
    CompletableFuture<Reply> get(ApiCall call) {
        long channelId = ChannelRoutes.channelInPath(call);
        return directory.channel(channelId, null).thenCompose(c -> position(c).thenApply(p -> Reply.ok(g -> {
            writeChannel(g, c, true);
            Currency currency = Currency.ofLedger(c.ledger());
            g.writeStringField("deposited", Amounts.format(p[0], currency));
            g.writeStringField("withdrawn", Amounts.format(p[1], currency));
            g.writeStringField("position", Amounts.format(Math.subtractExact(p[0], p[1]), currency));
        })));
    }

    /** Posted debits and credits of the channel's clearing accounts, summed over every shard. */
    private CompletableFuture<long[]> position(Channel c) {
        List<CompletableFuture<long[]>> reads = new ArrayList<>();
        for (int s = 0; s < ledger.shardCount(); s++) {
            long clearing = ChannelAccounts.clearingId(c.channelId(), ledger.homeSlotOf(s));
            reads.add(ledger.readShard(s, l -> {
                AccountState a = l.account(clearing);
                return a == null ? new long[2] : new long[] {a.debitsPosted(), a.creditsPosted()};
            }));
        }
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            long[] sum = new long[2];
            for (CompletableFuture<long[]> r : reads) {
                sum[0] = Math.addExact(sum[0], r.join()[0]);
                sum[1] = Math.addExact(sum[1], r.join()[1]);
            }
            return sum;
        });
    }

    private static void writeChannel(JsonGenerator g, Channel c, boolean withTime) throws IOException {
        g.writeStringField("channel_id", Long.toString(c.channelId()));
        g.writeStringField("name", c.name());
        g.writeStringField("currency", Currency.ofLedger(c.ledger()).name());
        if (withTime) {
            g.writeStringField("created_at", ValueText.instant(c.createdAt()));
        }
    }
}
