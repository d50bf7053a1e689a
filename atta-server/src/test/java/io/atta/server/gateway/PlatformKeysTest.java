package io.atta.server.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One key pair is generated for the whole class; the other tests copy its files. */
class PlatformKeysTest {
    @TempDir
    static Path made;
    private static PlatformKeys first;

    private static synchronized PlatformKeys first() {
        if (first == null) {
            first = PlatformKeys.loadOrCreate(made);
        }
        return first;
    }

    private static Path copyTo(Path dataDir) throws Exception {
        first();
        Path dir = Files.createDirectories(dataDir.resolve("alipay"));
        for (String name : new String[] {PlatformKeys.privateKeyFileName, PlatformKeys.publicKeyFileName}) {
            Files.copy(made.resolve("alipay").resolve(name), dir.resolve(name));
        }
        return dir;
    }

    @Test
    void creates_a_2048_bit_pair_once_and_loads_the_same_keys_again() {
        PlatformKeys keys = first();
        PlatformKeys again = PlatformKeys.loadOrCreate(made);

        assertThat(RsaKeys.bits(keys.publicKey())).isEqualTo(2048);
        assertThat(again.privateKey()).isEqualTo(keys.privateKey());
        assertThat(again.publicKey()).isEqualTo(keys.publicKey());
        assertThat(again.publicKeyBase64()).isEqualTo(RsaKeys.encode(keys.publicKey()));
        String sign = GatewaySignature.sign("a=1", again.privateKey(), SignType.RSA2);
        assertThat(GatewaySignature.verify("a=1", sign, RsaKeys.parsePublicKey(keys.publicKeyBase64()), SignType.RSA2))
                .isTrue();
        // No temporary files are left behind by the atomic writes.
        assertThat(made.resolve("alipay").toFile().list())
                .containsExactlyInAnyOrder(PlatformKeys.privateKeyFileName, PlatformKeys.publicKeyFileName);
    }

    @Test
    void the_private_key_file_is_readable_by_its_owner_only() throws Exception {
        first();
        Path file = made.resolve("alipay").resolve(PlatformKeys.privateKeyFileName);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void a_damaged_file_stops_the_load_naming_the_file(@TempDir Path dataDir) throws Exception {
        Path dir = copyTo(dataDir);
        Path privateFile = dir.resolve(PlatformKeys.privateKeyFileName);
        Files.writeString(privateFile, "MIIE-truncated");

        assertThatThrownBy(() -> PlatformKeys.loadOrCreate(dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(privateFile + " is damaged: ");
    }

    @Test
    void a_public_key_of_another_pair_stops_the_load(@TempDir Path dataDir) throws Exception {
        Path dir = copyTo(dataDir);
        Files.writeString(dir.resolve(PlatformKeys.publicKeyFileName), TestKeys.appPublicBase64());

        assertThatThrownBy(() -> PlatformKeys.loadOrCreate(dataDir)).hasMessageContaining("does not hold the public key of");
    }

    @Test
    void a_missing_public_key_is_rewritten_from_the_private_key(@TempDir Path dataDir) throws Exception {
        Path dir = copyTo(dataDir);
        Files.delete(dir.resolve(PlatformKeys.publicKeyFileName));

        PlatformKeys keys = PlatformKeys.loadOrCreate(dataDir);

        assertThat(keys.publicKey()).isEqualTo(first().publicKey());
        assertThat(Files.readString(dir.resolve(PlatformKeys.publicKeyFileName)).trim())
                .isEqualTo(first().publicKeyBase64());
    }

    @Test
    void a_missing_private_key_with_its_public_key_present_is_refused(@TempDir Path dataDir) throws Exception {
        Path dir = copyTo(dataDir);
        Files.delete(dir.resolve(PlatformKeys.privateKeyFileName));

        assertThatThrownBy(() -> PlatformKeys.loadOrCreate(dataDir)).hasMessageContaining("is missing");
    }
}
