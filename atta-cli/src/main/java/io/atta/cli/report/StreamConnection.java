package io.atta.cli.report;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.net.URI;

/**
 * How the report verbs reach the server's change stream and the projection: the server's URL, a
 * reporting (or admin) key, and the PostgreSQL JDBC URL. A picocli mixin.
 */
final class StreamConnection {
    static final String keyVariable = "ATTA_REPORTING_KEY";

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The server (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--key", paramLabel = "KEY",
            description = "A reporting or admin API key (default: $" + keyVariable + ", else $ATTA_ADMIN_KEY).")
    String key;

    @Option(names = "--postgres", required = true, paramLabel = "JDBC_URL",
            description = "The projection's database, e.g. jdbc:postgresql://db:5432/atta?user=atta&password=…")
    String jdbcUrl;

    ChangeFeed feed(CommandSpec spec) {
        String k = key;
        for (String variable : new String[] {keyVariable, "ATTA_ADMIN_KEY"}) {
            if (k == null || k.isBlank()) {
                k = System.getenv(variable);
            }
        }
        if (k == null || k.isBlank()) {
            throw new ParameterException(spec.commandLine(), "no key: pass --key or set " + keyVariable);
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--url " + url + " is not an http(s) address");
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new ParameterException(spec.commandLine(), "--postgres must be a jdbc:postgresql: URL, not "
                    + jdbcUrl);
        }
        return new ChangeFeed(url, k);
    }
}
