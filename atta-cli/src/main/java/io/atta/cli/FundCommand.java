package io.atta.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code atta fund create|publish|holding}: the money-market fund's operator verbs on a running
 * server (docs/FUND.md), over its REST API with the admin key. Each prints the server's JSON.
 */
@Command(name = "fund", mixinStandardHelpOptions = true,
        description = "Money-market funds of a running server.",
        subcommands = {FundCommand.Create.class, FundCommand.Publish.class, FundCommand.Holding.class})
public final class FundCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: create, publish, holding");
    }

    /** Runs one call, printing its answer; 1 with the reason on stderr when it fails. */
    private static int call(CommandSpec spec, AdminConnection server, String verb, String method, String route,
                            JsonNode body) {
        try {
            server.print(spec, server.call(spec, method, route, body));
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("atta fund " + verb + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a fund on every shard (POST /v1/funds); prints it.")
    static final class Create implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Option(names = "--code", required = true, paramLabel = "CODE", description = "The fund's code, such as YEB.")
        private String code;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The fund's name.")
        private String name;
        @Option(names = "--manager", required = true, paramLabel = "USER_ID",
                description = "The manager's user id: its keys publish the income.")
        private String manager;
        @Option(names = "--currency", defaultValue = "CNY",
                description = "The fund's currency (default: ${DEFAULT-VALUE}).")
        private String currency;
        @Option(names = "--cutoff", paramLabel = "HH:MM", description = "Daily cut-off, local time (default 15:00).")
        private String cutoff;
        @Option(names = "--time-zone", paramLabel = "ZONE", description = "Time zone (default Asia/Shanghai).")
        private String timeZone;
        @Option(names = "--fast-limit", paramLabel = "AMOUNT",
                description = "Fast redemptions per user per day (default 10000.00).")
        private String fastLimit;
        @Option(names = "--cap", paramLabel = "AMOUNT", description = "Holding cap per user (default 100000.00).")
        private String cap;
        @Option(names = "--calendar", paramLabel = "NAME", description = "A holiday calendar (default: weekends only).")
        private String calendar;
        @Mixin
        private AdminConnection server;

        @Override
        public Integer call() {
            ObjectNode body = server.json.createObjectNode().put("code", code).put("name", name)
                    .put("currency", currency).put("manager_user_id", manager);
            putIf(body, "cutoff_local_time", cutoff);
            putIf(body, "time_zone", timeZone);
            putIf(body, "fast_redeem_daily_limit", fastLimit);
            putIf(body, "holding_cap", cap);
            putIf(body, "calendar", calendar);
            return FundCommand.call(spec, server, "create", "POST", "/v1/funds", body);
        }

        private static void putIf(ObjectNode body, String field, String value) {
            if (value != null) {
                body.put(field, value);
            }
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Publishes a day's income per 10,000 units (POST /v1/funds/{code}/income).")
    static final class Publish implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Option(names = "--code", required = true, paramLabel = "CODE", description = "The fund's code.")
        private String code;
        @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
                description = "The day the income is for.")
        private String date;
        @Option(names = "--income", required = true, paramLabel = "DECIMAL",
                description = "Income per 10,000 units, up to 4 decimals, such as 0.4521.")
        private String income;
        @Mixin
        private AdminConnection server;

        @Override
        public Integer call() {
            ObjectNode body = server.json.createObjectNode().put("date", date).put("income_per_10k", income);
            return FundCommand.call(spec, server, "publish", "POST", "/v1/funds/" + code + "/income", body);
        }
    }

    @Command(name = "holding", mixinStandardHelpOptions = true,
            description = "Shows a holder's units and income (GET /v1/funds/{code}/holdings/{user_id}).")
    static final class Holding implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Option(names = "--code", required = true, paramLabel = "CODE", description = "The fund's code.")
        private String code;
        @Option(names = "--user", required = true, paramLabel = "USER_ID", description = "The holder.")
        private String user;
        @Mixin
        private AdminConnection server;

        @Override
        public Integer call() {
            return FundCommand.call(spec, server, "holding", "GET", "/v1/funds/" + code + "/holdings/" + user, null);
        }
    }
}
