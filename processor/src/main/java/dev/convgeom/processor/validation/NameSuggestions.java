package dev.convgeom.processor.validation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The name a user probably meant when a {@code from} or {@code like} names no layer: one that
 * differs only in case, or by at most two edits. Names people give the network input in other
 * frameworks ("data" in Caffe) suggest {@code "input"}.
 */
final class NameSuggestions {

    /** The most edits a typo may take and still be suggested. */
    private static final int MAX_EDITS = 2;

    /** What the network input is called elsewhere: Caffe's "data", tutorials' "image", "x". */
    private static final Set<String> INPUT_ALIASES = Set.of("data", "image", "images", "img", "x", "in");

    private NameSuggestions() {
    }

    /**
     * The candidate closest to {@code typed}, if one is close enough; on a tie the first in
     * {@code candidates} wins, so the answer does not depend on anything but the source.
     */
    static Optional<String> closest(String typed, List<String> candidates) {
        String lower = typed.toLowerCase(Locale.ROOT);
        if (candidates.contains(LayerReferences.INPUT) && INPUT_ALIASES.contains(lower)) {
            return Optional.of(LayerReferences.INPUT);
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            // A case-only difference (distance 0 here) always counts; otherwise the edits must
            // leave most of the shorter name intact, or "fc" would suggest "up".
            boolean close = distance == 0
                    || distance <= MAX_EDITS && distance < Math.min(typed.length(), candidate.length());
            if (close && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance: insertions, deletions and substitutions, one char each. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
