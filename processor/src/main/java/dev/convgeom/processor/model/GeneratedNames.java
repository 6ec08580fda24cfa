package dev.convgeom.processor.model;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** Names of what is generated for a network type. */
public final class GeneratedNames {

    private GeneratedNames() {
    }

    /**
     * {@code AlexNet} to {@code AlexNetGeometry}; a nested {@code Outer.Inner} to
     * {@code Outer_InnerGeometry}, so that two nested networks of the same simple name in one
     * package do not collide.
     */
    public static String geometryClassName(TypeElement type) {
        StringBuilder name = new StringBuilder(type.getSimpleName());
        for (Element e = type.getEnclosingElement(); e != null && e.getKind() != ElementKind.PACKAGE;
                e = e.getEnclosingElement()) {
            if (e instanceof TypeElement outer) {
                name.insert(0, outer.getSimpleName() + "_");
            }
        }
        return name.append("Geometry").toString();
    }

    /** The package the type is in, "" for the default package. */
    public static String packageName(TypeElement type) {
        Element e = type;
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ((PackageElement) e).getQualifiedName().toString();
    }

    /** The manifest's path in the class output: {@code META-INF/convgeom/<binary name>.json}. */
    public static String manifestPath(String binaryName) {
        return "META-INF/convgeom/" + binaryName + ".json";
    }
}
