package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/**
 * {@code atta keys create|list|rotate|revoke}: API keys of a running server, with the admin key
 * (docs/SECURITY.md). Each prints the server's JSON answer; a new key's text appears only in
 * the output of {@code create} and {@code rotate}.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "API keys of a running server.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Rotate.class,
                KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: create, list, rotate, revoke");
    }

    /** Runs one call and prints its answer; a refused or failed call is one line on stderr and exit code 1. */
    abstract static class Verb implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminConnection server;

        abstract JsonNode request() throws IOException, InterruptedException;

        @Override
        public Integer call() throws Exception {
            try {
                server.print(spec, request());
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("atta keys " + spec.name() + ": " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Makes a key; prints it with its text (key), shown only this once.")
    static final class Create extends Verb {
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, channel, merchant, user or reporting.")
        private String role;

        @Option(names = "--owner", paramLabel = "ID",
                description = "The user, merchant or channel it acts for (none for admin and reporting keys).")
        private String owner;

        @Option(names = "--expires-at", paramLabel = "INSTANT", description = "When it stops working, such as "
                + "2027-01-01T00:00:00Z (default: never).")
        private String expiresAt;

        @Option(names = "--label", paramLabel = "TEXT", description = "What it is for.")
        private String label;

        @Override
        JsonNode request() throws IOException, InterruptedException {
            ObjectNode body = server.json.createObjectNode().put("role", role);
            if (owner != null) {
                body.put("owner_id", owner);
            }
            if (expiresAt != null) {
                body.put("expires_at", expiresAt);
            }
            if (label != null) {
                body.put("label", label);
            }
            return server.call(spec, "POST", "/v1/keys", body);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists keys (never their secrets), in id order.")
    static final class ListKeys extends Verb {
        @Option(names = "--owner", paramLabel = "ID", description = "Only this owner's keys.")
        private String owner;

        @Option(names = "--role", paramLabel = "ROLE", description = "Only keys of this role.")
        private String role;

        @Option(names = "--limit", paramLabel = "N", description = "At most N keys (default 100, at most 1000).")
        private Integer limit;

        @Option(names = "--after", paramLabel = "CURSOR", description = "The next_after of the page before.")
        private String after;

        @Override
        JsonNode request() throws IOException, InterruptedException {
            StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
            param(query, "owner_id", owner);
            param(query, "role", role);
            param(query, "limit", limit == null ? null : limit.toString());
            param(query, "after", after);
            return server.call(spec, "GET", "/v1/keys" + query, null);
        }

        private static void param(StringJoiner query, String name, String value) {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Makes a key like KEY_ID and revokes KEY_ID (after --grace-seconds); prints the new key.")
    static final class Rotate extends Verb {
        @Parameters(index = "0", paramLabel = "KEY_ID", description = "The key to replace.")
        private String keyId;

        @Option(names = "--grace-seconds", paramLabel = "S",
                description = "How long the old key keeps working, 0 to 86400 (default 0: revoked at once).")
        private Integer graceSeconds;

        @Override
        JsonNode request() throws IOException, InterruptedException {
            ObjectNode body = server.json.createObjectNode();
            if (graceSeconds != null) {
                body.put("grace_seconds", graceSeconds);
            }
            return server.call(spec, "POST", "/v1/keys/" + id(spec, keyId) + "/rotate", body);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes KEY_ID: it answers 401 from now on, on every node.")
    static final class Revoke extends Verb {
        @Parameters(index = "0", paramLabel = "KEY_ID", description = "The key to revoke.")
        private String keyId;

        @Override
        JsonNode request() throws IOException, InterruptedException {
            return server.call(spec, "POST", "/v1/keys/" + id(spec, keyId) + "/revoke", server.json.createObjectNode());
        }
    }

    /** A key id as the path takes it: digits only, so nothing else reaches the URL. */
    private static String id(CommandSpec spec, String keyId) {
        if (!keyId.matches("[1-9][0-9]{0,18}")) {
            throw new ParameterException(spec.commandLine(), "KEY_ID must be a key id such as 42, not " + keyId);
        }
        return keyId;
    }
}
