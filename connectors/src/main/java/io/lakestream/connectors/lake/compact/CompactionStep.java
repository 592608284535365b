package io.lakestream.connectors.lake.compact;

/**
 * The steps of compacting one partition, in order (docs/decisions/0008-compaction.md). Everything
 * before {@link #WRITE_INTENT} leaves the committed partition untouched; once the intent is on disk
 * a rerun rolls the compaction forward from it.
 */
public enum CompactionStep {
    /** Write one new file under a hidden name {@code .compact.<name>} (once per new file). */
    WRITE_FILE,
    /** Write the new manifest as the hidden intent {@code .compact._MANIFEST.json}. */
    WRITE_INTENT,
    /** Remove {@code _SUCCESS}: readers that honour it now see the partition as absent. */
    REMOVE_SUCCESS,
    /** Give one new file its statistics sidecar and its visible name (once per new file). */
    PUBLISH_FILE,
    /** Replace {@code _MANIFEST.json} with the new manifest. */
    REPLACE_MANIFEST,
    /** Delete the old data files and their sidecars. */
    DELETE_OLD_FILES,
    /** Write {@code _SUCCESS}: the compacted partition is committed. */
    WRITE_SUCCESS,
    /** Delete the intent: the compaction is complete. */
    DELETE_INTENT
}
