package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code atta merchant create}: makes a merchant on a running server and, given the app's RSA
 * public key, registers its Alipay gateway app, printing what the official SDK needs.
 */
@Command(name = "merchant", mixinStandardHelpOptions = true,
        description = "Merchants of a running server.",
        subcommands = {MerchantCommand.Create.class})
public final class MerchantCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: create");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a merchant; with --app-public-key also its Alipay gateway app. Prints JSON: "
                    + "merchant_id, api_key, webhook_secret, and app_id, alipay_public_key, gateway_url.")
    static final class Create implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The merchant's name.")
        private String name;

        @Option(names = "--app-public-key", paramLabel = "FILE",
                description = "The app's RSA public key: Base64 X.509 (as Alipay's key tool writes it), or PEM.")
        private Path appPublicKey;

        @Option(names = "--app-name", paramLabel = "NAME", description = "The app's name (default: the merchant's).")
        private String appName;

        @Option(names = "--fee-rate", paramLabel = "RATE", description = "Platform fee, such as 0.006 (default).")
        private String feeRate;

        @Option(names = "--webhook-url", paramLabel = "URL", description = "Where Atta's JSON webhooks go.")
        private String webhookUrl;

        @Mixin
        private AdminConnection server;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            ObjectMapper json = server.json;
            try {
                String publicKey = appPublicKey == null ? null : Files.readString(appPublicKey, StandardCharsets.UTF_8);
                if (publicKey != null) {
                    // Checked before the merchant is made, so a bad key file leaves nothing half done.
                    try {
                        io.atta.server.gateway.RsaKeys.parsePublicKey(publicKey);
                    } catch (IllegalArgumentException e) {
                        throw new ParameterException(spec.commandLine(), "--app-public-key " + appPublicKey
                                + ": " + e.getMessage());
                    }
                }
                ObjectNode merchant = json.createObjectNode().put("name", name);
                if (feeRate != null) {
                    merchant.put("fee_rate", feeRate);
                }
                if (webhookUrl != null) {
                    merchant.put("webhook_url", webhookUrl);
                }
                JsonNode made = server.call(spec, "POST", "/v1/merchants", merchant);
                ObjectNode out = json.createObjectNode();
                out.put("merchant_id", made.path("merchant_id").asText());
                out.put("api_key", made.path("api_key").asText());
                out.put("webhook_secret", made.path("webhook_secret").asText());
                if (publicKey != null) {
                    ObjectNode app = json.createObjectNode().put("public_key", publicKey)
                            .put("name", appName != null ? appName : name);
                    JsonNode registered = server.call(spec, "POST",
                            "/v1/merchants/" + made.path("merchant_id").asText() + "/apps", app);
                    out.put("app_id", registered.path("app_id").asText());
                    out.put("alipay_public_key", registered.path("alipay_public_key").asText());
                    out.put("sign_type", registered.path("sign_type").asText());
                    out.put("gateway_url", registered.path("gateway_url").asText());
                }
                server.print(spec, out);
                return 0;
            } catch (IOException e) {
                err.println("atta merchant create: " + e.getMessage());
                return 1;
            }
        }
    }
}
