package dev.convgeom.processor.writing;

import java.util.TreeSet;

/**
 * The types a generated class refers to, by simple name where it can and imported: a type whose
 * simple name is the generated class's own (a model {@code Layer} gives {@code LayerGeometry}) is
 * written in full instead.
 */
final class ImportedNames {

    private final String ownName;
    private final TreeSet<String> imports = new TreeSet<>();

    ImportedNames(String ownName) {
        this.ownName = ownName;
    }

    /** {@code dev.convgeom.<simple>}, by the name the body may use. */
    String api(String simple) {
        return of("dev.convgeom." + simple);
    }

    /** The name the body uses for the type {@code qualified}. */
    String of(String qualified) {
        String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
        if (simple.equals(ownName)) {
            return qualified;
        }
        imports.add(qualified);
        return simple;
    }

    /** The import lines, sorted. */
    Iterable<String> imports() {
        return imports;
    }
}
