package io.lakestream.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a run's CPU time goes, from the JDK Flight Recorder's method samples of this JVM (the
 * MiniCluster runs in it): the top frames of Flink's task threads, by self time, and the same
 * samples grouped by library, and apart the samples of task threads in native code. JFR's "profile"
 * settings sample running Java threads every 10 ms and threads in native code every 20 ms, and also
 * record allocations, locks and I/O (a profiled ingest ran up to a quarter slower); GC and the
 * broker's process are not in it.
 */
public final class JfrProfile implements AutoCloseable {

    /**
     * Flink names a task's thread after its chain and subtask, e.g. "Source: x (1/2)#0" (a source's
     * fetcher threads too: "Source Data Fetcher for Source: x (1/2)#0").
     */
    private static final Pattern TASK_THREAD = Pattern.compile(".* \\(\\d+/\\d+\\)#\\d+$");

    /** The subtask suffix of a task thread's name. */
    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)#\\d+$");

    /**
     * The threads that work for a job: its tasks' and the sorters' of BATCH mode's keyed inputs
     * ("SortMerger sorting thread", "SortMerger spilling thread", "SortMerger Reading Thread"),
     * which do a backfill's sorting, spilling and merging beside the task threads.
     */
    static boolean worksForTheJob(String thread) {
        return thread != null
                && (TASK_THREAD.matcher(thread).matches() || thread.startsWith("SortMerger "));
    }

    /** A job thread's name without its subtask, so a stage's subtasks count together. */
    static String threadGroup(String thread) {
        return SUBTASK.matcher(thread).replaceFirst("");
    }

    private final Recording recording;

    private JfrProfile(Recording recording) {
        this.recording = recording;
    }

    /** Starts sampling this JVM. */
    public static JfrProfile start() throws IOException {
        try {
            Recording r = new Recording(Configuration.getConfiguration("profile"));
            r.start();
            return new JfrProfile(r);
        } catch (ParseException e) {
            throw new IOException("the JDK's JFR 'profile' settings do not parse", e);
        }
    }

    /** Stops sampling, writes the recording to {@code file} and summarises its samples. */
    public Summary stop(Path file, int topFrames) throws IOException {
        recording.stop();
        Files.createDirectories(file.toAbsolutePath().getParent());
        recording.dump(file);
        Map<String, Integer> frames = new HashMap<>();
        Map<String, Integer> libraries = new HashMap<>();
        Map<String, Integer> natives = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int all = 0;
        int task = 0;
        int nativeTask = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.NativeMethodSample")) {
                String thread = sampledThread(e);
                RecordedStackTrace stack = e.getStackTrace();
                if (worksForTheJob(thread) && stack != null && !stack.getFrames().isEmpty()) {
                    nativeTask++;
                    RecordedFrame top = stack.getFrames().get(0);
                    natives.merge(
                            top.getMethod().getType().getName() + "." + top.getMethod().getName(),
                            1,
                            Integer::sum);
                }
                continue;
            }
            if (!type.equals("jdk.ExecutionSample")) {
                continue;
            }
            all++;
            String thread = sampledThread(e);
            RecordedStackTrace stack = e.getStackTrace();
            if (!worksForTheJob(thread) || stack == null) {
                continue;
            }
            List<RecordedFrame> trace = stack.getFrames();
            if (trace.isEmpty()) {
                continue;
            }
            task++;
            RecordedFrame top = trace.get(0);
            String method = top.getMethod().getType().getName() + "." + top.getMethod().getName();
            frames.merge(method, 1, Integer::sum);
            libraries.merge(Library.of(trace), 1, Integer::sum);
            threads.merge(threadGroup(thread), 1, Integer::sum);
        }
        return new Summary(
                all,
                task,
                top(frames, topFrames, task),
                top(libraries, 20, task),
                top(threads, 12, task),
                nativeTask,
                top(natives, 8, nativeTask));
    }

    /** The sampled thread's name, or null when JFR recorded none (a thread already gone). */
    private static String sampledThread(RecordedEvent e) {
        RecordedThread t = e.getThread("sampledThread");
        return t == null ? null : t.getJavaName();
    }

    @Override
    public void close() {
        recording.close();
    }

    private static List<Share> top(Map<String, Integer> counts, int n, int total) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .map(e -> new Share(e.getKey(), e.getValue(), 100.0 * e.getValue() / total))
                .toList();
    }

    /** A frame or library and its samples, in % of the task threads' samples. */
    public record Share(String name, int samples, double percent) {}

    /**
     * @param samples every method sample of the JVM
     * @param taskSamples those of Flink task threads, which the shares are of
     * @param topFrames the methods most often on top of a task thread's stack (self time)
     * @param libraries the same samples by the library doing the work
     * @param threads the same samples by thread, a stage's subtasks together
     * @param nativeSamples samples of task threads in native code (JFR samples those apart, every
     *     20 ms: RocksDB, Snappy, file I/O; a thread waiting in native code counts too)
     * @param nativeMethods the native methods of those samples, in % of {@code nativeSamples}
     */
    public record Summary(
            int samples,
            int taskSamples,
            List<Share> topFrames,
            List<Share> libraries,
            List<Share> threads,
            int nativeSamples,
            List<Share> nativeMethods) {

        /**
         * The profile as a report section: by thread, by library, top frames, native methods.
         *
         * @param what the contender, as in "the first {@code what} run"
         * @param file where the recording is
         */
        public String markdown(String title, String what, Path file) {
            StringBuilder md = new StringBuilder("### " + title + "\n\n");
            md.append(
                    String.format(
                            Locale.ROOT,
                            "JDK Flight Recorder method samples of the first %s run (JFR's"
                                    + " \"profile\" settings, in the bench's JVM, which runs the"
                                    + " MiniCluster): %,d samples, %,d of them in the job's"
                                    + " threads (its tasks' and the sorters of BATCH mode's keyed"
                                    + " inputs), which the shares below are of. GC and the"
                                    + " broker's process are not sampled. The recording is"
                                    + " `%s`.%n%n",
                            what,
                            samples,
                            taskSamples,
                            file));
            table(md, "thread (a stage's subtasks together)", threads);
            table(md, "library (first known frame from the top)", libraries);
            table(md, "top frame (self time)", topFrames);
            md.append(
                    String.format(
                            Locale.ROOT,
                            "In native code (sampled apart, every 20 ms; a thread blocked in"
                                    + " native code counts too): %,d samples of the job's"
                                    + " threads, by native method:%n%n",
                            nativeSamples));
            table(md, "native method", nativeMethods);
            return md.toString();
        }

        private static void table(StringBuilder md, String what, List<Share> shares) {
            md.append("| ").append(what).append(" | samples | share |\n|---|---:|---:|\n");
            for (Share s : shares) {
                md.append(
                        String.format(
                                Locale.ROOT,
                                "| `%s` | %,d | %.1f %% |%n",
                                s.name(),
                                s.samples(),
                                s.percent()));
            }
            md.append('\n');
        }
    }
}
