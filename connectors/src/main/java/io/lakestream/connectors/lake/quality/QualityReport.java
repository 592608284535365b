package io.lakestream.connectors.lake.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code _QUALITY.json} of a partition: every rule of its table with the observed value, the
 * bounds and whether it passed, and the verdict. Written beside the data whenever the table has
 * expectations, whether the partition was published, quarantined or stopped the run, so that the
 * reason a partition is (not) visible is in the partition itself; lineage reads it too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class QualityReport {

    public static final String FILE_NAME = "_QUALITY.json";

    /** Marks a partition held back by a {@code quarantine-partition} rule (instead of success). */
    public static final String QUARANTINED_FILE = "_QUARANTINED";

    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonProperty("format_version")
    public int formatVersion = FORMAT_VERSION;

    @JsonProperty("table")
    public String table;

    @JsonProperty("partition")
    public String partition;

    @JsonProperty("run_id")
    public String runId;

    @JsonProperty("evaluated_at")
    public String evaluatedAt;

    /** The expectations file the rules came from. */
    @JsonProperty("expectations")
    public String expectations;

    /** {@link QualityVerdict#label()}. */
    @JsonProperty("verdict")
    public String verdict;

    @JsonProperty("rows")
    public long rows;

    /** The data files evaluated, by name. */
    @JsonProperty("files")
    public List<String> files = new ArrayList<>();

    /** How long profiling and checking the partition took. */
    @JsonProperty("evaluation_ms")
    public double evaluationMillis;

    @JsonProperty("rules")
    public List<Rule> rules = new ArrayList<>();

    /** One rule's outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Rule {
        @JsonProperty("name")
        public String name;

        @JsonProperty("rule")
        public String rule;

        @JsonProperty("column")
        public String column;

        @JsonProperty("policy")
        public String policy;

        /** Absent when there was nothing to observe (the rule then passes). */
        @JsonProperty("observed")
        public Double observed;

        @JsonProperty("min")
        public Double min;

        @JsonProperty("max")
        public Double max;

        @JsonProperty("unit")
        public String unit;

        @JsonProperty("passed")
        public boolean passed;

        static Rule of(RuleResult r) {
            Rule rule = new Rule();
            rule.name = r.rule().name();
            rule.rule = r.rule().kind().label();
            rule.column = r.rule().column();
            rule.policy = r.rule().policy().label();
            rule.observed = r.observed();
            rule.min = r.rule().min();
            rule.max = r.rule().max();
            rule.unit = r.rule().kind().unit();
            rule.passed = r.passed();
            return rule;
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise quality report", e);
        }
    }

    public static QualityReport read(InputStream in) throws IOException {
        return JSON.readValue(in, QualityReport.class);
    }
}
