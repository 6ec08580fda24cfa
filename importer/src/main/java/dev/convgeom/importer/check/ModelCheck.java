package dev.convgeom.importer.check;

import dev.convgeom.NetworkSpec;
import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Placeholder replaced below. */
public final class ModelCheck {
    private ModelCheck() {
    }

    public static String compareWithClass(String className, String classpath, Path model, Shape input,
                                          Consumer<String> progress) throws ImportException {
        return null;
    }
}
