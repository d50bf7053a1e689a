package io.atta.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's busy CPU time so far, from Linux's {@code /proc/stat} (all cores, in
 * seconds), or -1 where there is none. Set against the bench process's own CPU time it shows how
 * much of the machine other processes took during a run.
 */
final class MachineCpu {
    private static final Path stat = Path.of("/proc/stat");
    /** {@code /proc/stat} counts in USER_HZ ticks, 100 a second on every Linux the JVM runs on. */
    private static final double ticksPerSecond = 100;

    private MachineCpu() {
    }

    static double busySeconds() {
        try {
            String first = Files.readAllLines(stat).get(0);
            String[] f = first.trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 8) {
                return -1;
            }
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                // Fields: user nice system idle iowait irq softirq steal; idle and iowait are not work.
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
