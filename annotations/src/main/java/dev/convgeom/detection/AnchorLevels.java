package dev.convgeom.detection;

import dev.convgeom.LayerGeometry;
import java.util.List;

/**
 * A pyramid's anchors written level after level into one float array, as detectors concatenate
 * them: the checks (one layout per map, room for all) and the walk, shared by the layouts that
 * write pyramids ({@link Anchors#writeLevels}, {@link TorchvisionAnchors#writeLevels}).
 */
final class AnchorLevels {

    private AnchorLevels() {
    }

    /** How one layout writes its anchors on one map from index {@code at}; returns the next free index. */
    @FunctionalInterface
    interface LevelWriter<T> {
        int writeAt(T level, LayerGeometry map, float[] dest, int at);
    }

    /**
     * Writes {@code levels.get(i)} on {@code maps.get(i)}, one after the other.
     *
     * @return the number of floats written
     * @throws IllegalArgumentException if the lists differ in length or {@code dest} is too short
     */
    static <T extends AnchorLayout> int write(List<T> levels, List<LayerGeometry> maps, float[] dest,
                                              LevelWriter<T> writer) {
        if (levels.size() != maps.size()) {
            throw new IllegalArgumentException(levels.size() + " anchor levels for " + maps.size()
                    + " feature maps: give one per map");
        }
        long total = 0;
        for (int l = 0; l < levels.size(); l++) {
            total += 4L * levels.get(l).count(maps.get(l));
        }
        if (dest.length < total) {
            throw new IllegalArgumentException("need " + total + " floats (4 per anchor over " + levels.size()
                    + " levels), got an array of " + dest.length);
        }
        int at = 0;
        for (int l = 0; l < levels.size(); l++) {
            at = writer.writeAt(levels.get(l), maps.get(l), dest, at);
        }
        return at;
    }
}
