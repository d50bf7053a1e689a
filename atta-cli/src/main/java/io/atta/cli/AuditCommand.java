package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.core.audit.AuditKeys;
import io.atta.core.audit.RecordProof;
import io.atta.server.audit.ProofDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.concurrent.Callable;

/** {@code atta audit}: the audit chain's offline tools (docs/AUDIT.md). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit chain's offline tools.",
        subcommands = {AuditCommand.VerifyProof.class})
public final class AuditCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'atta audit verify-proof'");
    }

    /**
     * {@code atta audit verify-proof FILE --key PUBKEY}: checks a proof saved from {@code GET
     * /v1/audit/proofs/…} with nothing but the platform's public key. Exit 0 when it holds, 3
     * when it does not (the reason is printed), 1 when the file or the key cannot be read.
     */
    @Command(name = "verify-proof", mixinStandardHelpOptions = true,
            description = {"Verifies a record's proof (as GET /v1/audit/proofs/... answers it) offline, with the "
                    + "platform's audit key.", "Exit codes: 0 the proof holds, 3 it does not, 1 unreadable input."})
    static final class VerifyProof implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The proof, a JSON file.")
        private Path file;

        @Option(names = "--key", required = true, paramLabel = "PUBKEY",
                description = "The audit key: its 64 hex digits (GET /v1/audit/key's public_key), or a file holding "
                        + "them or that JSON answer.")
        private String key;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RecordProof proof;
            PublicKey publicKey;
            try {
                proof = ProofDocument.read(new ObjectMapper().readTree(Files.readAllBytes(file)));
                publicKey = publicKey(key);
            } catch (IOException | IllegalArgumentException e) {
                err.println("atta audit verify-proof: " + e.getMessage());
                err.flush();
                return 1;
            }
            String failure = proof.failure(publicKey);
            if (failure != null) {
                out.println("proof FAILS: " + failure);
                out.flush();
                return VerifyCommand.exitViolations;
            }
            io.atta.core.audit.BlockHeader b = io.atta.core.audit.BlockHeader.of(proof.block());
            out.println("proof holds: the record is leaf " + proof.leafIndex() + " of block " + b.height() + " of shard "
                    + b.shard() + ", under checkpoint " + proof.checkpoint().checkpoint().seq()
                    + " signed by the key");
            out.flush();
            return 0;
        }

        static PublicKey publicKey(String given) throws IOException {
            String text = given.strip();
            if (!text.matches("[0-9a-fA-F]{64}")) {
                text = Files.readString(Path.of(given)).strip();
                if (text.startsWith("{")) {
                    JsonNode n = new ObjectMapper().readTree(text).get("public_key");
                    if (n == null) {
                        throw new IllegalArgumentException(given + " has no public_key");
                    }
                    text = n.asText();
                }
            }
            return AuditKeys.publicKey(HexFormat.of().parseHex(text));
        }
    }
}
