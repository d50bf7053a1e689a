package io.atta.core.command;

import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import io.atta.core.auth.Role;

import java.util.List;

/** API keys: created and revoked on the shard of the key's id. */
public final class KeyFamily implements CommandFamily {
    @Override
    public String name() {
        return "key";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(18, CreateKey.class, k -> 8 + 1 + 8 + 8 + 4 * 8 + textBytes(k.label()) + 8,
                        (k, b) -> {
                            b.putLong(k.keyId()).put(roleCode(k.role())).putLong(k.ownerId()).putLong(k.expiresAt())
                                    .putLong(k.hash0()).putLong(k.hash1()).putLong(k.hash2()).putLong(k.hash3());
                            putText(b, k.label());
                            b.putLong(k.createdByKeyId());
                        },
                        b -> new CreateKey(b.getLong(), role(b.get()), b.getLong(), b.getLong(), b.getLong(),
                                b.getLong(), b.getLong(), b.getLong(), getText(b), b.getLong())),
                new CommandType<>(19, RevokeKey.class, k -> 16, (k, b) -> b.putLong(k.keyId()).putLong(k.effectiveAt()),
                        b -> new RevokeKey(b.getLong(), b.getLong())));
    }

    /** The one place a role becomes a number in the log. */
    private static byte roleCode(Role r) {
        return (byte) r.code();
    }

    private static Role role(byte code) {
        if (!Role.hasCode(code)) {
            throw new IllegalStateException("corrupt batch: role " + code);
        }
        return Role.ofCode(code);
    }
}
