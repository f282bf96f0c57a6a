package dev.switchboard.audit.archive;

import java.util.Locale;

/**
 * File names of a segment, its stream index and its manifest: {@code segment-<first>-<last>.jsonl.zst} (format 3;
 * {@code .jsonl.gz} before), 20 digits each.
 */
final class SegmentNames {

    static final String PREFIX = "segment-";
    static final String MANIFEST_SUFFIX = ".manifest.json";
    static final String INDEX_SUFFIX = ".streams.json.gz";

    private SegmentNames() {}

    static String baseName(long fromPosition, long toPosition) {
        return String.format(Locale.ROOT, "%s%020d-%020d", PREFIX, fromPosition, toPosition);
    }

    static String segmentFile(String baseName) {
        return baseName + SegmentFormat.ZSTD_TEXT.suffix();
    }

    static String manifestFile(String baseName) {
        return baseName + MANIFEST_SUFFIX;
    }

    static String indexFile(String baseName) {
        return baseName + INDEX_SUFFIX;
    }

    static boolean isIndex(String fileName) {
        return fileName.startsWith(PREFIX) && fileName.endsWith(INDEX_SUFFIX);
    }

    static String baseOfIndex(String fileName) {
        return fileName.substring(0, fileName.length() - INDEX_SUFFIX.length());
    }

    static boolean isSegment(String fileName) {
        return fileName.startsWith(PREFIX) && suffixOf(fileName) != null;
    }

    static boolean isManifest(String fileName) {
        return fileName.startsWith(PREFIX) && fileName.endsWith(MANIFEST_SUFFIX);
    }

    static String baseOfSegment(String fileName) {
        return fileName.substring(0, fileName.length() - suffixOf(fileName).length());
    }

    /** The segment suffix, of any format, {@code fileName} ends with; null if none. */
    private static String suffixOf(String fileName) {
        for (SegmentFormat format : SegmentFormat.values()) {
            if (fileName.endsWith(format.suffix())) {
                return format.suffix();
            }
        }
        return null;
    }
}
