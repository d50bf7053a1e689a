package io.atta.cli.cluster;

import io.atta.cli.AdminKey;
import io.atta.cli.Main;
import io.atta.cli.OwnerOnlyUmask;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * How a local cluster starts one node's {@code atta server} process: the same program as this
 * one (the runnable jar, or this JVM's class path), detached from the terminal and from this
 * process, with its output in the node's {@code server.log} and no standard input.
 */
final class ServerLaunch {
    /**
     * JVM options of each node unless {@code --jvm-opts} replaces them: the launcher's
     * ({@code ./atta}) without its 1 GB initial heap, since up to nine nodes share the machine.
     * G1 would size a 1 GB heap's regions at 1 MB, making every buffer of half a megabyte or more
     * humongous; an 8190-transfer batch's log entry (~0.6 MB, copied again by JRaft's log
     * encoder) and its history write batch (~1.8 MB) are that big, so regions are 4 MB.
     */
    static final String defaultJvmOpts = "-XX:+UseG1GC -Xmx1g -XX:G1HeapRegionSize=4m -XX:+ExitOnOutOfMemoryError "
            + "-XX:ErrorFile=/tmp/atta-hs_err_%p.log -Dfile.encoding=UTF-8";
    static final List<String> defaultJvmOptions = List.of(defaultJvmOpts.split(" "));
    /** Runs a program in a new session, so that a hang-up or Ctrl-C at the terminal does not reach the nodes. */
    static final List<Path> setsidPaths = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private ServerLaunch() {
    }

    /**
     * The java command and class path or jar to run {@code io.atta.cli.Main} with. A runnable jar
     * is copied to {@link LocalLayout#jar()} first (when it differs) and run from there: the
     * project's jar is rewritten by every build, and a node loading classes from a jar being
     * rewritten dies of a truncated class file.
     */
    static List<String> program(LocalLayout layout) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String jar = System.getProperty("atta.jar");
        Path runnable = jar != null && Files.isRegularFile(Path.of(jar)) ? Path.of(jar) : runnableJarOfThisClass();
        return withRunner(cmd, runnable == null ? null : pinned(runnable, layout.jar()));
    }

    private static Path pinned(Path jar, Path copy) throws IOException {
        if (jar.toAbsolutePath().normalize().equals(copy) || (Files.isRegularFile(copy)
                && Files.size(copy) == Files.size(jar)
                && Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(jar)))) {
            return copy;
        }
        Files.createDirectories(copy.getParent());
        Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp");
        for (int attempt = 1; ; attempt++) {
            java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(jar);
            long size = Files.size(jar);
            Files.copy(jar, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            // A build may be rewriting the jar: keep the copy only if the jar did not change
            // while it was made and the copy reads as a whole jar.
            if (before.equals(Files.getLastModifiedTime(jar)) && size == Files.size(jar) && wholeJar(tmp)) {
                break;
            }
            if (attempt == jarCopyAttempts) {
                Files.deleteIfExists(tmp);
                throw new IOException(jar + " kept changing while it was copied (is a build running?); try again");
            }
            try {
                Thread.sleep(jarSettleMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while copying " + jar);
            }
        }
        Files.move(tmp, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return copy;
    }

    static final int jarCopyAttempts = 10;
    static final long jarSettleMs = 1_000;

    private static boolean wholeJar(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            java.util.Enumeration<java.util.jar.JarEntry> entries = f.entries();
            while (entries.hasMoreElements()) {
                try (java.io.InputStream in = f.getInputStream(entries.nextElement())) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return f.getManifest() != null;
        } catch (IOException e) {
            return false;
        }
    }

    static List<String> withRunner(List<String> java, Path runnableJar) {
        List<String> cmd = new ArrayList<>(java);
        if (runnableJar != null) {
            cmd.add("-jar");
            cmd.add(runnableJar.toAbsolutePath().toString());
        } else {
            cmd.add("-cp");
            cmd.add(absoluteClassPath(System.getProperty("java.class.path")));
            cmd.add(Main.class.getName());
        }
        return cmd;
    }

    /**
     * The full command for node {@code id}: {@code [setsid] sh -c 'umask 077 && exec "$@"' java <jvm
     * options> -Dlogging.path=<node>/logs <program> server --cluster FILE --node-id N --data <node dir>
     * <server options>}.
     */
    static List<String> command(List<String> program, List<String> jvmOptions, LocalLayout layout, int id,
                                List<String> serverArgs) {
        List<String> session = new ArrayList<>();
        for (Path setsid : setsidPaths) {
            if (Files.isExecutable(setsid)) {
                session.add(setsid.toString());
                break;
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(program.get(0));
        cmd.addAll(jvmOptions);
        // SOFAJRaft's RPC layer writes its logs under logging.path (LogDirectory): the node's own directory.
        cmd.add("-Dlogging.path=" + layout.nodeLogs(id));
        cmd.addAll(program.subList(1, program.size()));
        cmd.addAll(List.of("server", "--cluster", layout.clusterFile().toString(), "--node-id", Integer.toString(id),
                "--data", layout.nodeDir(id).toString()));
        cmd.addAll(serverArgs);
        // Every file the node writes is its owner's only, as under the atta launcher.
        session.addAll(OwnerOnlyUmask.wrap(cmd));
        return session;
    }

    /** Starts the process; it outlives this one. */
    static Process start(List<String> command, LocalLayout layout, int id, String adminKey) throws IOException {
        Files.createDirectories(layout.nodeLogs(id));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.serverLog(id).toFile()));
        pb.environment().put(AdminKey.envVariable, adminKey);
        return pb.start();
    }

    /**
     * The jar this class was loaded from when it is the runnable one (its manifest names
     * {@code io.atta.cli.Main}), as {@code ./atta} runs it; null when running from classes or a
     * thin jar (then this JVM's class path is used).
     */
    static Path runnableJarOfThisClass() {
        CodeSource source = ServerLaunch.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        Path path;
        try {
            path = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest m = jar.getManifest();
            return m != null && Main.class.getName().equals(m.getMainAttributes().getValue("Main-Class")) ? path : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The class path with every entry absolute, so the node does not depend on its working directory. */
    private static String absoluteClassPath(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String e : classPath.split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
