package dev.convgeom.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A set of positions along one axis of a map of {@code size} units (rows or columns), immutable,
 * with the short description messages and the manifest use: maximal arithmetic progressions, so
 * that "every other row" reads as {@code 1, 3, ..., 55} however long the map.
 */
public final class PositionSet {

    /** Progressions a message spells out before it says how many positions are left. */
    private static final int SHOWN = 3;

    /**
     * A run of positions {@code first, first + step, ..., last}.
     *
     * @param first the first position
     * @param last  the last position ({@code first} for a single one)
     * @param step  the distance between neighbours (1 for a single position)
     */
    public record Progression(long first, long last, long step) {

        /** How many positions it holds. */
        public long count() {
            return (last - first) / step + 1;
        }

        String text() {
            long count = count();
            if (count == 1) {
                return Long.toString(first);
            }
            if (step == 1 && count > 2) {
                return first + " to " + last;
            }
            if (count <= 4) {
                StringBuilder b = new StringBuilder();
                for (long p = first; p <= last; p += step) {
                    b.append(b.length() == 0 ? "" : ", ").append(p);
                }
                return b.toString();
            }
            return first + ", " + (first + step) + ", ..., " + last;
        }
    }

    private final long size;
    private final BitSet positions;

    PositionSet(long size, BitSet positions) {
        this.size = size;
        this.positions = (BitSet) positions.clone();
    }

    /** The positions of {@code size} that {@code read} does not hold. */
    static PositionSet complement(long size, BitSet read) {
        BitSet unread = new BitSet();
        unread.set(0, Math.toIntExact(size));
        unread.andNot(read);
        return new PositionSet(size, unread);
    }

    /** The positions, as a new bit set. */
    BitSet bits() {
        return (BitSet) positions.clone();
    }

    /** How many units the axis has. */
    public long size() {
        return size;
    }

    /** How many positions the set holds. */
    public long count() {
        return positions.cardinality();
    }

    public boolean isEmpty() {
        return positions.isEmpty();
    }

    public boolean contains(long position) {
        return position >= 0 && position < size && positions.get((int) position);
    }

    /** Whether every position of this set is in {@code other}. */
    public boolean isSubsetOf(PositionSet other) {
        BitSet rest = (BitSet) positions.clone();
        rest.andNot(other.positions);
        return rest.isEmpty();
    }

    /** The positions in both. */
    public PositionSet intersect(PositionSet other) {
        BitSet both = (BitSet) positions.clone();
        both.and(other.positions);
        return new PositionSet(size, both);
    }

    /** Whether the set is exactly the last {@code count} positions, a trailing border. */
    public boolean isTrailing(long count) {
        return count > 0 && count() == count && positions.nextSetBit(Math.toIntExact(size - count)) == size - count;
    }

    /** The positions as maximal arithmetic progressions, found greedily from the first. */
    public List<Progression> progressions() {
        List<Progression> runs = new ArrayList<>();
        int first = positions.nextSetBit(0);
        while (first >= 0) {
            int second = positions.nextSetBit(first + 1);
            if (second < 0) {
                runs.add(new Progression(first, first, 1));
                break;
            }
            int step = second - first;
            int last = second;
            int next = positions.nextSetBit(last + 1);
            while (next >= 0 && next - last == step) {
                last = next;
                next = positions.nextSetBit(last + 1);
            }
            if (last == second && next >= 0 && next - second < step) {
                // Two positions far apart, the second starting a denser run: keep it for that run.
                runs.add(new Progression(first, first, 1));
                first = second;
                continue;
            }
            runs.add(new Progression(first, last, step));
            first = next;
        }
        return runs;
    }

    /** "1, 3, ..., 55", "2, 5, 8, 9", "50 to 55", with the rest counted when there are many runs. */
    public String text() {
        List<Progression> runs = progressions();
        List<String> parts = new ArrayList<>();
        long shownPositions = 0;
        for (int i = 0; i < runs.size() && i < SHOWN; i++) {
            parts.add(runs.get(i).text());
            shownPositions += runs.get(i).count();
        }
        String text = String.join(", ", parts);
        return runs.size() > SHOWN ? text + " and " + (count() - shownPositions) + " more" : text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PositionSet p && p.size == size && p.positions.equals(positions);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + positions.hashCode();
    }

    @Override
    public String toString() {
        return "{" + text() + "} of " + size;
    }
}
