package io.lakestream.pipelines;

import io.lakestream.pipelines.dau.DauPipeline;
import io.lakestream.pipelines.ingest.IngestPipeline;
import io.lakestream.pipelines.topitems.TopItemsPipeline;
import io.lakestream.pipelines.training.TrainingExamplesPipeline;
import io.lakestream.pipelines.userdaily.UserDailyPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The pipelines that {@code --pipelines} can name. */
public final class Pipelines {

    private static final Map<String, Supplier<Pipeline>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("ingest", IngestPipeline::new);
        ALL.put("user_daily", UserDailyPipeline::new);
        ALL.put("dau", DauPipeline::new);
        ALL.put("top_items", TopItemsPipeline::new);
        ALL.put("training_examples", TrainingExamplesPipeline::new);
    }

    private Pipelines() {}

    /** The largest {@link Pipeline#horizon()} of the pipelines of a comma-separated list. */
    public static Duration horizon(String list) {
        Duration h = Duration.ZERO;
        for (Pipeline p : parse(list)) {
            if (p.horizon().compareTo(h) > 0) {
                h = p.horizon();
            }
        }
        return h;
    }

    /** The largest {@link Pipeline#history()} of the pipelines of a comma-separated list. */
    public static Duration history(String list) {
        Duration h = Duration.ZERO;
        for (Pipeline p : parse(list)) {
            if (p.history().compareTo(h) > 0) {
                h = p.history();
            }
        }
        return h;
    }

    /** Whether a pipeline of a comma-separated list reads the {@code users} changelog. */
    public static boolean readProfiles(String list) {
        return parse(list).stream().anyMatch(Pipeline::readsProfiles);
    }

    public static List<String> names() {
        return new ArrayList<>(ALL.keySet());
    }

    /** The pipelines of a comma-separated list; an unknown name fails with the known ones. */
    public static List<Pipeline> parse(String list) {
        List<Pipeline> result = new ArrayList<>();
        for (String raw : list.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            Supplier<Pipeline> p = ALL.get(name);
            if (p == null) {
                throw new IllegalArgumentException(
                        "unknown pipeline '" + name + "'; known: " + String.join(", ", names()));
            }
            result.add(p.get());
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(
                    "no pipeline given; known: " + String.join(", ", names()));
        }
        return result;
    }
}
