package io.atta.core.command;

import java.util.List;

/** The shard's own command: the {@link Tick} that runs every module's time-driven rules. */
public final class ShardFamily implements CommandFamily {
    public static final int tickCode = 5;

    @Override
    public String name() {
        return "shard";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(new CommandType<>(tickCode, Tick.class, t -> 0, (t, b) -> { }, b -> Tick.instance));
    }
}
