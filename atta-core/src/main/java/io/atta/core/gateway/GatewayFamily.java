package io.atta.core.gateway;

import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import io.atta.core.command.CommandFamily;
import io.atta.core.command.CommandType;

import java.util.List;

/**
 * The Alipay gateway's commands: its apps. Code 17 is the one {@code CreateApp} had in the trade
 * family, so logs written before the gateway had a module of its own decode unchanged.
 */
public final class GatewayFamily implements CommandFamily {
    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(17, CreateApp.class, a -> 8 + 8 + textBytes(a.name()) + textBytes(a.publicKey()),
                        (a, b) -> {
                            b.putLong(a.appId()).putLong(a.merchantId());
                            putText(b, a.name());
                            putText(b, a.publicKey());
                        },
                        b -> new CreateApp(b.getLong(), b.getLong(), getText(b), getText(b))));
    }
}
