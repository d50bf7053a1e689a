package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which cluster a verb acts on: one run on this machine, by its directory ({@code --dir}), or
 * any cluster, by its cluster file ({@code --cluster}). A picocli argument group: exactly one.
 */
public final class ClusterTarget {
    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "The directory of a cluster started with atta cluster start.")
    Path dir;

    @Option(names = "--cluster", paramLabel = "FILE", required = true,
            description = "The cluster file (cluster.properties) of a cluster run anywhere.")
    Path file;

    /** The local layout when the cluster was named by its directory, else null. */
    LocalLayout local() {
        return dir == null ? null : new LocalLayout(dir);
    }

    Path clusterFile() {
        return dir != null ? local().clusterFile() : file.toAbsolutePath().normalize();
    }

    /** The directory beside the cluster file, where the admin key and the commands' logs are looked for. */
    Path home() {
        return dir != null ? local().dir() : clusterFile().getParent();
    }

    Path adminKeyFile() {
        return home().resolve(LocalLayout.adminKeyFileName);
    }

    Path cliLogs() {
        return home().resolve("logs");
    }

    /** The cluster file, read; a missing one is a command-line mistake that names the option. */
    ClusterFile load(CommandSpec spec) {
        Path f = clusterFile();
        if (!Files.isRegularFile(f)) {
            throw new ParameterException(spec.commandLine(), dir != null
                    ? "--dir " + dir + " holds no " + LocalLayout.clusterFileName
                    + " (make one with: atta cluster start --dir " + dir + " --nodes 3)"
                    : "--cluster " + file + " is not a file");
        }
        return ClusterFile.load(f);
    }

    /** How the verbs name the option in messages: {@code --dir DIR} or {@code --cluster FILE}. */
    String asOption() {
        return dir != null ? "--dir " + dir : "--cluster " + file;
    }
}
