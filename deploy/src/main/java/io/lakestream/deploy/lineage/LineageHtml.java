package io.lakestream.deploy.lineage;

import io.lakestream.deploy.lineage.LineageGraph.Edge;
import io.lakestream.deploy.lineage.LineageGraph.Kind;
import io.lakestream.deploy.lineage.LineageGraph.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link LineageGraph} as one self-contained HTML page: an inline SVG (no script, no
 * stylesheet or font from elsewhere), so it opens from a file, in a mail, or in a browser without
 * network. Each node is a {@code <g class="node">} with {@code data-id} and {@code data-kind}, each
 * edge a {@code <path class="edge">} with {@code data-from} and {@code data-to}, so tools (and
 * tests) can read the graph back from the page.
 */
public final class LineageHtml {

    private static final int COLUMN_WIDTH = 330;
    private static final int ROW_HEIGHT = 96;
    private static final int NODE_WIDTH = 250;
    private static final int NODE_HEIGHT = 64;
    private static final int MARGIN = 40;
    private static final Map<Kind, String> FILL =
            Map.of(Kind.TOPIC, "#fde7c8", Kind.JOB, "#d6e6fb", Kind.TABLE, "#d9f2dc");

    private LineageHtml() {}

    public static String render(LineageGraph graph, String title) {
        Map<Integer, List<Node>> byColumn = new TreeMap<>();
        for (Node n : graph.nodes()) {
            byColumn.computeIfAbsent(n.column(), c -> new ArrayList<>()).add(n);
        }
        Map<String, int[]> at = new HashMap<>();
        int rows = 1;
        int columns = 1;
        for (Map.Entry<Integer, List<Node>> c : byColumn.entrySet()) {
            List<Node> column = c.getValue();
            column.sort(Comparator.comparing(Node::kind).thenComparing(Node::label));
            for (int i = 0; i < column.size(); i++) {
                at.put(
                        column.get(i).id(),
                        new int[] {
                            MARGIN + c.getKey() * COLUMN_WIDTH, MARGIN + 30 + i * ROW_HEIGHT
                        });
            }
            rows = Math.max(rows, column.size());
            columns = Math.max(columns, c.getKey() + 1);
        }
        int width = 2 * MARGIN + (columns - 1) * COLUMN_WIDTH + NODE_WIDTH;
        int height = 2 * MARGIN + 30 + rows * ROW_HEIGHT;

        StringBuilder svg = new StringBuilder();
        svg.append(
                        String.format(
                                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                                        + " height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                                width, height, width, height))
                .append(
                        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
                                + " markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
                                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        StringBuilder labels = new StringBuilder();
        for (Edge e : graph.edges()) {
            int[] a = at.get(e.from());
            int[] b = at.get(e.to());
            int x1 = a[0] + NODE_WIDTH;
            int y1 = a[1] + NODE_HEIGHT / 2;
            int x2 = b[0];
            int y2 = b[1] + NODE_HEIGHT / 2;
            int bend = Math.max(40, Math.abs(x2 - x1) / 2);
            svg.append(
                    String.format(
                            "<path class=\"edge\" data-from=\"%s\" data-to=\"%s\" d=\"M%d,%d C%d,%d"
                                    + " %d,%d %d,%d\" fill=\"none\" stroke=\"#555\""
                                    + " stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>%n",
                            escape(e.from()),
                            escape(e.to()),
                            x1,
                            y1,
                            x1 + bend,
                            y1,
                            x2 - bend,
                            y2,
                            x2,
                            y2));
            if (!e.label().isEmpty()) {
                // by the arrow head (labels of the edges leaving one node would overlap at their
                // common start), drawn after the nodes so no box hides them
                labels.append(
                        String.format(
                                "<text class=\"edge-label\" x=\"%d\" y=\"%d\" font-size=\"11\""
                                        + " text-anchor=\"end\" fill=\"#333\">%s</text>%n",
                                x2 - 12, y2 - 6, escape(e.label())));
            }
        }
        for (Node n : graph.nodes()) {
            int[] p = at.get(n.id());
            svg.append(
                            String.format(
                                    "<g class=\"node\" data-id=\"%s\" data-kind=\"%s\">"
                                            + "<title>%s</title>",
                                    escape(n.id()),
                                    n.kind().name().toLowerCase(java.util.Locale.ROOT),
                                    escape(n.id())))
                    .append(
                            String.format(
                                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"8\""
                                            + " fill=\"%s\" stroke=\"#444\"/>",
                                    p[0], p[1], NODE_WIDTH, NODE_HEIGHT, FILL.get(n.kind())))
                    .append(
                            String.format(
                                    "<text class=\"label\" x=\"%d\" y=\"%d\" font-size=\"13\""
                                            + " font-weight=\"bold\">%s</text>",
                                    p[0] + 10, p[1] + 22, escape(shorten(n.label(), 30))))
                    .append(
                            String.format(
                                    "<text class=\"kind\" x=\"%d\" y=\"%d\" font-size=\"10\""
                                            + " fill=\"#555\">%s</text>",
                                    p[0] + 10, p[1] + 38, escape(kindLine(n))));
            if (!n.detail().isEmpty()) {
                svg.append(
                        String.format(
                                "<text class=\"detail\" x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>",
                                p[0] + 10, p[1] + 54, escape(shorten(runLine(n.detail()), 44))));
            }
            svg.append("</g>\n");
        }
        svg.append(labels).append("</svg>\n");

        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + escape(title)
                + "</title>\n<style>body{font-family:sans-serif;margin:16px}"
                + " .legend span{display:inline-block;padding:2px 8px;margin-right:8px;"
                + "border:1px solid #444;border-radius:4px}</style>\n</head>\n<body>\n<h1>"
                + escape(title)
                + "</h1>\n<p class=\"legend\"><span style=\"background:#fde7c8\">topic</span>"
                + "<span style=\"background:#d6e6fb\">job (latest run)</span>"
                + "<span style=\"background:#d9f2dc\">table</span>"
                + " Edges: what each job read and wrote; counts are its latest completed run's."
                + "</p>\n"
                + svg
                + "</body>\n</html>\n";
    }

    /** {@code job · COMPLETE 2026-11-26T05:52:42Z}: the kind, and a job's latest state. */
    private static String kindLine(Node n) {
        String kind = n.kind().name().toLowerCase(java.util.Locale.ROOT);
        int run = n.detail().indexOf(" run ");
        return run < 0 ? kind : kind + " · " + n.detail().substring(0, run);
    }

    /** {@code run <id>} of a job's detail. */
    private static String runLine(String detail) {
        int run = detail.indexOf(" run ");
        return run < 0 ? detail : detail.substring(run + 1);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
