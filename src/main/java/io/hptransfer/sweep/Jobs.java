package io.hptransfer.sweep;

import java.util.Locale;

/**
 * How many trials run at once on this machine, and with how many native threads each. Never more
 * threads in all than cores: two native-threaded processes on 2 cores slowed each other 5-17x here.
 *
 * "auto" gives each trial two threads and runs cores/2 trials at once (one trial on a 2-core
 * machine: the calling process, as before). Measured here on the quickstart's 70 trials
 * (README, "Performance: proxy trials"): two threads made a trial 1.6-2.0x faster than one thread
 * beside another worker, so two one-thread workers finished the study only 8% sooner (9.6 vs 10.4
 * minutes), and one thread gives different float32 sums than two (numbers move within seed noise).
 * Past two threads per trial nothing was measured.
 */
public record Jobs(int jobs, int threadsEach) {
    public Jobs {
        if (jobs < 1 || threadsEach < 1) throw new IllegalArgumentException("jobs and threads must be >= 1, got " + jobs + ", " + threadsEach);
    }

    /**
     * @param option  "auto" or a count
     * @param cores   this machine's cores
     * @param pending trials not recorded yet (no point in more workers than trials)
     */
    public static Jobs parse(String option, int cores, int pending) {
        int n;
        if (option == null || option.equalsIgnoreCase("auto")) {
            n = Math.max(1, Math.min(cores / 2, pending));
        } else {
            try {
                n = Integer.parseInt(option.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--jobs '" + option + "': use a count such as 2, or auto");
            }
            if (n < 1) throw new IllegalArgumentException("--jobs must be >= 1 or auto, got " + option);
            if (n > cores) {
                throw new IllegalArgumentException("--jobs " + n + " is more than this machine's " + cores
                        + " cores: more native threads than cores slow every trial 5-17x; use --jobs " + cores + " or auto");
            }
        }
        return new Jobs(n, Math.max(1, cores / n));
    }

    public boolean parallel() {
        return jobs > 1;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d job%s x %d native thread%s", jobs, jobs == 1 ? "" : "s", threadsEach, threadsEach == 1 ? "" : "s");
    }
}
