package io.lakestream.itests;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records per subtask a run prints ({@code Records per subtask of <stage>: 1,020 998 ...}),
 * read back from its output, with the test's own max/mean.
 */
final class SubtaskLoads {

    private static final Pattern LINE =
            Pattern.compile("Records per subtask of (\\S+): ([0-9, ]+) \\(max/mean");

    private SubtaskLoads() {}

    /** Counts per subtask by stage. */
    static Map<String, long[]> parse(String runOutput) {
        Map<String, long[]> loads = new TreeMap<>();
        Matcher m = LINE.matcher(runOutput);
        while (m.find()) {
            String[] counts = m.group(2).trim().split(" +");
            long[] perSubtask = new long[counts.length];
            for (int i = 0; i < counts.length; i++) {
                perSubtask[i] = Long.parseLong(counts[i].replace(",", ""));
            }
            loads.put(m.group(1), perSubtask);
        }
        return loads;
    }

    /** The hot keys a stage flagged ({@code Hot keys salted ...: <stage> 8;}), 0 if not printed. */
    static long hotKeys(String runOutput, String stage) {
        Matcher m =
                Pattern.compile("Hot keys salted.*? " + Pattern.quote(stage) + " ([0-9,]+);")
                        .matcher(runOutput);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }

    static double maxOverMean(long[] perSubtask) {
        long max = 0;
        long sum = 0;
        for (long n : perSubtask) {
            max = Math.max(max, n);
            sum += n;
        }
        return (double) max * perSubtask.length / sum;
    }
}
