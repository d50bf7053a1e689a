package io.atta.engine.shard;

import io.atta.core.command.Command;
import io.atta.core.command.CommandType;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Which module applies which command: built from the modules' families, looked up by the command's class. */
public final class ModuleTable {
    private final Map<Class<?>, ShardModule> byClass = new IdentityHashMap<>();

    /** {@code shardCommands}: the classes the shard applies itself (its {@code Tick}). */
    public ModuleTable(List<ShardModule> modules, List<Class<?>> shardCommands) {
        for (Class<?> c : shardCommands) {
            byClass.put(c, null);
        }
        for (ShardModule m : modules) {
            for (CommandType<?> t : m.family().types()) {
                if (byClass.containsKey(t.type())) {
                    ShardModule owner = byClass.get(t.type());
                    throw new IllegalArgumentException(t.type().getSimpleName() + " is claimed by module " + m.name()
                            + " and by " + (owner == null ? "the shard" : "module " + owner.name()));
                }
                byClass.put(t.type(), m);
            }
        }
    }

    /** The module that owns the command. */
    public ShardModule moduleOf(Command c) {
        ShardModule m = byClass.get(c.getClass());
        if (m == null) {
            throw new IllegalArgumentException("no module applies " + c);
        }
        return m;
    }
}
