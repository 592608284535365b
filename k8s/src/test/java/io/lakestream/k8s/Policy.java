package io.lakestream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What this project requires of its Flink resources beyond the CRDs, which declare no required
 * fields at all: without these the operator rejects the resource at reconcile time or falls back to
 * defaults we do not want (the operator's default image, its default service account).
 */
final class Policy {

    private Policy() {}

    static List<String> violations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        String kind = doc.path("kind").asText();
        if (kind.equals("FlinkDeployment")) {
            require(doc, out, "spec.image", "spec.flinkVersion", "spec.serviceAccount");
            require(doc, out, "spec.jobManager.resource", "spec.taskManager.resource");
        } else if (kind.equals("FlinkSessionJob")) {
            require(doc, out, "spec.deploymentName", "spec.job");
        }
        if (doc.at("/spec/job").isObject()) {
            require(doc, out, "spec.job.jarURI", "spec.job.entryClass", "spec.job.upgradeMode");
        }
        return out;
    }

    private static void require(JsonNode doc, List<String> out, String... paths) {
        for (String path : paths) {
            JsonNode node = doc.at("/" + path.replace('.', '/'));
            if (node.isMissingNode()
                    || node.isNull()
                    || (node.isValueNode() && node.asText().isEmpty())) {
                out.add(path + " is required");
            }
        }
    }
}
