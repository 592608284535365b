package io.lakestream.job.lineage;

import java.net.URI;

/**
 * Where a run's lineage goes besides the lake's {@code _lineage/} files (always written): an
 * OpenLineage HTTP endpoint ({@code lineage.http-url}, {@code --lineage-url}), or none.
 *
 * @param httpUrl e.g. {@code http://localhost:5000/api/v1/lineage}; null for none
 */
public record LineageConfig(URI httpUrl) {

    /** The lake's files only. */
    public static final LineageConfig FILES_ONLY = new LineageConfig(null);

    /**
     * @throws IllegalArgumentException if {@code url} is not an http(s) URL
     */
    public static LineageConfig of(String url) {
        if (url == null || url.isBlank()) {
            return FILES_ONLY;
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(
                    "--lineage-url must be an http(s) URL such as"
                            + " http://localhost:5000/api/v1/lineage, was '"
                            + url
                            + "'");
        }
        return new LineageConfig(uri);
    }
}
