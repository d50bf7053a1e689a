package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.server.gateway.PlatformKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;

import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code atta merchant create}: a merchant and its Alipay gateway app on a running server. */
class MerchantCommandTest {
    private static final String adminKey = "merchant-test-admin-key";

    @TempDir
    Path dir;

    @Test
    void createsAMerchantAndItsAppAndPrintsWhatTheSdkNeeds() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Path keyFile = dir.resolve("app_public_key.txt");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded()));
        Path data = dir.resolve("data");
        try (RunningNode running = RunningNode.start(data, "127.0.0.1", 0, 2, adminKey)) {
            String url = running.uri().toString();

            CliRun run = atta("merchant", "create", "--name", "Tea House", "--app-public-key", keyFile.toString(),
                    "--url", url, "--admin-key", adminKey);

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode out = new ObjectMapper().readTree(run.out());
            assertThat(out.get("merchant_id").asText()).matches("[1-9][0-9]*");
            assertThat(out.get("api_key").asText()).startsWith("atk_" + out.get("merchant_id").asText());
            assertThat(out.get("app_id").asText()).matches("[1-9][0-9]*");
            assertThat(out.get("gateway_url").asText()).isEqualTo(url + "/gateway.do");
            // The platform's keys are made once and kept in the data directory.
            assertThat(out.get("alipay_public_key").asText())
                    .isEqualTo(PlatformKeys.loadOrCreate(data).publicKeyBase64());

            CliRun badKey = atta("merchant", "create", "--name", "Shop", "--app-public-key",
                    Files.writeString(dir.resolve("bad.txt"), "not a key").toString(), "--url", url,
                    "--admin-key", adminKey);
            assertThat(badKey.exitCode()).as(badKey.err()).isNotZero();
            assertThat(badKey.err()).contains("--app-public-key");
        }
    }
}
