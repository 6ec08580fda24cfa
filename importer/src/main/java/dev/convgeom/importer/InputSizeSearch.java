package dev.convgeom.importer;

import dev.convgeom.Shape;
import dev.convgeom.importer.model.ImportedNetwork;
import dev.convgeom.importer.model.TotalStride;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * After a refusal, the input sizes near the requested one at which the model does import, found
 * by importing it there. Many refusals depend on the size: an FPN or LR-ASPP resizes a coarse level
 * to the size of a finer one and adds them, and at 513 x 513 the coarse level's 33 rows become 65,
 * a jump of 544/33 pixels that no field per unit can state, while at 512 x 512 every level halves
 * exactly and the sum has one jump. The candidates are the multiples of the network's total
 * stride ({@link TotalStride}) just below and just above the request on each axis, then of its
 * half, its quarter, ... (closer to the request), as long as they keep importing: torchvision's
 * detection transform pads images to multiples of 32 for the same reason.
 *
 * <p>Bounded work: one import per candidate, at most {@link #MOST_TRIES}; the first candidate's
 * refusal, when it is the original one at the same node but for its numbers, ends the search (the
 * reason did not depend on the size). Nothing is suggested that was not imported, checked, at that size.
 */
final class InputSizeSearch {

    /** The most imports one search runs (two directions, each coarse to fine). */
    static final int MOST_TRIES = 12;

    /** Imports and checks the model at one input size. */
    @FunctionalInterface
    interface Attempt {
        void at(Shape input) throws ImportException;
    }

    private final Shape requested;
    private final long[] stride;
    private final Attempt attempt;
    private final Consumer<String> progress;
    private final String original;
    private int tries;
    private boolean sizeDependent;
    private boolean independent;

    private InputSizeSearch(Shape requested, long[] stride, Attempt attempt, Consumer<String> progress,
                            String original) {
        this.requested = requested;
        this.stride = stride;
        this.attempt = attempt;
        this.progress = progress;
        this.original = original;
    }

    /**
     * {@code refusal}, its message extended with the sizes near {@code requested} at which the model
     * imports, when some do; otherwise {@code refusal} itself (or, for a file that fixes its input
     * and a refusal that moved with the size, with how to export it instead).
     *
     * @param requested   the input the refused import declared (null: unknown, nothing is searched)
     * @param fixedInFile the input size the model file states as numbers (an ONNX export without
     *                    dynamic axes), or null
     * @param attempt     imports and checks the model at another size, quietly
     * @param progress    receives a line per size tried
     */
    static ImportException around(ImportException refusal, Shape requested, Shape fixedInFile, Attempt attempt,
                                  Consumer<String> progress) {
        ImportedNetwork reached = refusal.reached();
        if (requested == null || reached == null || reached.layers().isEmpty()) {
            return refusal;
        }
        long[] stride = TotalStride.of(reached.layers());
        if (stride[0] == 1 && stride[1] == 1) {
            return refusal;
        }
        long start = System.nanoTime();
        InputSizeSearch search = new InputSizeSearch(requested, stride, attempt, progress, refusal.getMessage());
        Shape below = search.nearest(false);
        Shape above = search.independent ? null : search.nearest(true);
        double seconds = (System.nanoTime() - start) / 1e9;
        String tried = search.tries + " imports, " + seconds(seconds);
        String sizes = below != null && above != null && !below.equals(above) ? flag(below) + " or " + flag(above)
                : below != null ? flag(below) : above != null ? flag(above) : null;
        String where = " (tried at the multiples of " + strideText(stride) + ", the network's total stride, and of"
                + " its halves, nearest " + hw(requested) + ": " + tried + ")";
        if (sizes != null && fixedInFile == null) {
            return wrapped(refusal, refusal.getMessage() + ". At " + sizes + " it imports" + where);
        }
        if (sizes != null) {
            String export = below != null && above != null && !below.equals(above) ? hw(below) + " or " + hw(above)
                    : hw(below != null ? below : above);
            return wrapped(refusal, refusal.getMessage() + ". The file fixes its input at " + hw(fixedInFile)
                    + " (exported without dynamic height and width); declared with " + sizes + ", the same file"
                    + " imports" + where + ". To run the model at " + export + ", export it at that size, or with"
                    + " dynamic height and width and import it with --input (this check kept the sizes the file"
                    + " holds as constants, which an export at another size may state otherwise)");
        }
        if (fixedInFile != null && search.sizeDependent) {
            return wrapped(refusal, refusal.getMessage() + ". The refusal moves with the input size, but the file"
                    + " fixes its input at " + hw(fixedInFile) + ", and declared at other sizes with --input it is"
                    + " refused too (" + tried + "; a file exported without dynamic axes holds the sizes torch"
                    + " computed from its input, such as a resize's target size, as constants): export it with"
                    + " dynamic height and width (torch.onnx.export(..., dynamic_axes={'input': {2: 'height',"
                    + " 3: 'width'}})) and import that file with --input, which then names the sizes near it that"
                    + " import");
        }
        return refusal;
    }

    /** The candidate nearest the request, in one direction, that imports; null if none did. */
    private Shape nearest(boolean up) {
        Shape best = null;
        Shape previous = null;
        for (int level = 0; ; level++) {
            long my = step(stride[0], level);
            long mx = step(stride[1], level);
            if (my == 1 && mx == 1) {
                return best;
            }
            Shape candidate = rounded(my, mx, up);
            if (candidate == null || candidate.equals(requested) || candidate.equals(previous)) {
                continue;
            }
            if (tries >= MOST_TRIES) {
                return best;
            }
            previous = candidate;
            if (!imports(candidate)) {
                // Coarse to fine: the coarsest multiple failing ends this direction; a finer one
                // failing ends the refinement.
                return best;
            }
            best = candidate;
        }
    }

    /** The stride at {@code level}: {@code total} halved that many times while it stays whole, then 1. */
    private static long step(long total, int level) {
        long m = total;
        for (int i = 0; i < level; i++) {
            if (m % 2 != 0) {
                return 1;
            }
            m /= 2;
        }
        return m;
    }

    /** The request rounded to multiples of {@code my} rows and {@code mx} columns; null if an axis empties. */
    private Shape rounded(long my, long mx, boolean up) {
        long h = round(requested.height(), my, up);
        long w = round(requested.width(), mx, up);
        if (h < 1 || w < 1 || h > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
            return null;
        }
        return new Shape(requested.channels(), (int) h, (int) w);
    }

    private static long round(long v, long m, boolean up) {
        long down = v - v % m;
        return up && down != v ? down + m : down;
    }

    private boolean imports(Shape candidate) {
        tries++;
        long start = System.nanoTime();
        try {
            attempt.at(candidate);
            tried(candidate, "imports", start);
            sizeDependent = true;
            return true;
        } catch (RuntimeException e) {
            // A fault at a size the user did not ask for must not replace the refusal at the one
            // asked for: that size counts as not importing.
            tried(candidate, "failed, " + e, start);
            return false;
        } catch (ImportException e) {
            tried(candidate, "refused too", start);
            boolean same = sameReason(original, e.getMessage());
            if (same && tries == 1) {
                independent = true;
            }
            sizeDependent |= !same;
            return false;
        }
    }

    /** The progress line of one candidate: its flag, as the message will suggest it, and how long it took. */
    private void tried(Shape candidate, String outcome, long start) {
        progress.accept("trying " + flag(candidate) + ": " + outcome + " (" + seconds((System.nanoTime() - start) / 1e9)
                + ")");
    }

    /** {@code seconds} to a tenth, with a decimal point whatever the default locale (a German one writes a comma). */
    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /**
     * Whether two refusals are at the same node for the same reason: the node (the text before the
     * first ": ") equal, the rest equal but for its numbers (a window partition's refusal quotes the
     * rows it splits, which follow the size while the reason does not).
     */
    static boolean sameReason(String a, String b) {
        int at = a.indexOf(": ");
        int bt = b.indexOf(": ");
        if (at < 0 || bt < 0) {
            return a.equals(b);
        }
        return a.substring(0, at).equals(b.substring(0, bt))
                && a.substring(at).replaceAll("\\d+", "#").equals(b.substring(bt).replaceAll("\\d+", "#"));
    }

    private static ImportException wrapped(ImportException refusal, String message) {
        ImportException e = new ImportException(message, refusal);
        return refusal.reached() == null ? e : e.reaching(refusal.reached());
    }

    private static String flag(Shape s) {
        return "--input " + s.channels() + "x" + s.height() + "x" + s.width();
    }

    private static String hw(Shape s) {
        return s.height() + "x" + s.width();
    }

    private static String strideText(long[] stride) {
        return stride[0] == stride[1] ? String.valueOf(stride[0]) : stride[0] + " rows by " + stride[1] + " columns";
    }
}
