package io.atta.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.command.Command;
import io.atta.core.command.CommandFamily;
import io.atta.core.command.CommandType;
import io.atta.core.command.Families;
import io.atta.core.command.LedgerFamily;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.engine.ShardModules;
import io.atta.engine.ledger.InMemoryTransferStore;
import io.atta.engine.ledger.ShardLedger;

import java.io.DataInput;
import java.io.DataOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** The two module lists agree, and a shard refuses a module list that cannot work. */
class ShardModulesTest {
    private static List<String> names(List<? extends CommandFamily> families) {
        return families.stream().map(CommandFamily::name).toList();
    }

    @Test
    void everyCommandTheCodecKnowsIsAppliedByExactlyOneModuleOfTheStandardShard() {
        ShardLedger shard = ShardLedger.standalone(new InMemoryTransferStore());
        List<Class<?>> applied = new ArrayList<>(List.of(Tick.class));
        for (ShardModule m : shard.modules()) {
            m.family().types().forEach(t -> applied.add(t.type()));
        }
        List<Class<?>> encoded = new ArrayList<>();
        for (CommandFamily f : Families.standard()) {
            f.types().stream().map(CommandType::type).forEach(encoded::add);
        }

        assertThat(applied).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(encoded);
        assertThat(shard.modules().stream().map(ShardModule::name).toList())
                .containsExactly("ledger", "transaction", "trade", "gateway", "channel", "key", "wealth", "credit",
                        "lending", "insurance", "risk", "audit");
        assertThat(names(Families.standard())).containsExactly("shard", "ledger", "transaction", "trade", "gateway",
                "key", "channel", "wealth", "credit", "lending", "insurance", "risk");
    }

    /** A module that claims the ledger's commands a second time. */
    private static ShardModule thief(ShardServices s) {
        return new ShardModule() {
            @Override
            public String name() {
                return "thief";
            }

            @Override
            public CommandFamily family() {
                return new LedgerFamily();
            }

            @Override
            public void apply(Command c, long ts, Result[] out, int at) {
            }

            @Override
            public int sectionVersion() {
                return 1;
            }

            @Override
            public void writeSection(DataOutput out) {
            }

            @Override
            public void readSection(DataInput in, int version) {
            }

            @Override
            public void clear() {
            }

            @Override
            public long digest() {
                return 0;
            }
        };
    }

    @Test
    void aShardRefusesTwoModulesClaimingOneCommandAndAModuleBuiltBeforeWhatItNeeds() {
        List<Function<ShardServices, ShardModule>> twice = new ArrayList<>(ShardModules.standard());
        twice.add(ShardModulesTest::thief);
        assertThatThrownBy(() -> new ShardLedger(0, 0, s -> true, new InMemoryTransferStore(), twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CreateUser is claimed by module thief and by module ledger");

        List<Function<ShardServices, ShardModule>> reversed = new ArrayList<>(ShardModules.standard());
        Collections.reverse(reversed);
        assertThatThrownBy(() -> new ShardLedger(0, 0, s -> true, new InMemoryTransferStore(), reversed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before this module");
    }
}
