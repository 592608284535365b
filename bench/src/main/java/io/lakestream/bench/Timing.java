package io.lakestream.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs of one contender in one workload: how many events it processed and how long each run
 * took. Figures are medians with min and max, as the benchmark rules ask.
 */
public final class Timing {

    private final String contender;
    private final List<Double> seconds = new ArrayList<>();
    private long events;
    private String check = "";

    public Timing(String contender) {
        this.contender = contender;
    }

    public String contender() {
        return contender;
    }

    /** Adds one run: {@code events} processed in {@code seconds}. */
    public void add(long events, double seconds) {
        if (this.events != 0 && this.events != events) {
            throw new IllegalStateException(
                    contender + " processed " + events + " events, an earlier run " + this.events);
        }
        this.events = events;
        this.seconds.add(seconds);
    }

    public long events() {
        return events;
    }

    public int runs() {
        return seconds.size();
    }

    public double medianSeconds() {
        List<Double> s = new ArrayList<>(seconds);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    public double minSeconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double maxSeconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Events per second at the median run. */
    public double rate() {
        return events / medianSeconds();
    }

    /** What the runs' outputs were checked against, e.g. "rows = the hand-written loop's". */
    public String check() {
        return check;
    }

    public void check(String check) {
        this.check = check;
    }
}
