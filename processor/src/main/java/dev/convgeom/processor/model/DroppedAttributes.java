package dev.convgeom.processor.model;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.util.ElementFilter;

/**
 * Whether javac left out of a network's annotations an attribute that is written in the source:
 * one the annotation does not declare ({@code @Conv(out = 8, kk = 3)}, half-typed {@code kernel}).
 * javac reports it, and its annotation mirror then reads as if the attribute were not written, so
 * validating the model would pile a second, misleading error on javac's ("@Conv needs a kernel
 * size"). This needs javac's tree API; where it is not available the answer is false.
 */
public final class DroppedAttributes {

    private DroppedAttributes() {
    }

    public static boolean any(ProcessingEnvironment env, NetworkModel model) {
        Trees trees;
        try {
            trees = Trees.instance(env);
        } catch (RuntimeException | LinkageError notJavac) {
            return false;
        }
        if (dropped(trees, model.type(), model.network().mirror()) || droppedField(trees, model)) {
            return true;
        }
        Map<String, VariableTree> fields = fieldTrees(trees, model);
        for (LayerDeclaration layer : model.layers()) {
            // A second layer annotation is an error of its own, but one to report only once
            // javac has nothing to say about what is written in it.
            List<AnnotationMirror> mirrors = new ArrayList<>();
            mirrors.add(layer.values().mirror());
            mirrors.addAll(layer.extra());
            if (dropped(trees, fields.get(layer.field().getSimpleName().toString()), layer.field(), mirrors,
                    layer.values())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The type's field declarations by name, from one walk of its tree. Asking javac for each
     * field's annotation tree instead ({@code Trees.getTree(element, mirror)}) searches the whole
     * class every time: quadratic in the layers, and most of the processor's time at thousands.
     */
    private static Map<String, VariableTree> fieldTrees(Trees trees, NetworkModel model) {
        Map<String, VariableTree> fields = new HashMap<>();
        Tree tree;
        try {
            tree = trees.getTree(model.type());
        } catch (RuntimeException noTree) {
            return fields;
        }
        if (tree instanceof ClassTree type) {
            for (Tree member : type.getMembers()) {
                if (member instanceof VariableTree field) {
                    fields.putIfAbsent(field.getName().toString(), field);
                }
            }
        }
        return fields;
    }

    /**
     * Whether one of {@code mirrors}, annotations of {@code field}, lost a written attribute
     * ({@code read}: the first of them, the layer's, as the model read it). The
     * field's annotation trees and mirrors come in the same order; where their counts differ
     * (or there is no tree), each mirror's tree is looked up on its own.
     */
    private static boolean dropped(Trees trees, VariableTree tree, Element field, List<AnnotationMirror> mirrors,
                                   ExplicitValues read) {
        List<? extends AnnotationMirror> all = field.getAnnotationMirrors();
        List<? extends AnnotationTree> written = tree == null ? null : tree.getModifiers().getAnnotations();
        if (written == null || written.size() != all.size()) {
            for (AnnotationMirror mirror : mirrors) {
                if (dropped(trees, field, mirror)) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 0; i < all.size(); i++) {
            AnnotationMirror mirror = all.get(i);
            if (!mirrors.contains(mirror)) {
                continue;
            }
            // The layer's own annotation as read already (javac builds a new map at every
            // getElementValues()); a second layer annotation, rarely there, asked afresh.
            int given = mirror == read.mirror() ? read.written().size() : mirror.getElementValues().size();
            if (written.get(i).getArguments().size() > given) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether javac left a field of the type out of its members: a second field of the same name,
     * which javac reports ("already defined"). Its annotations are then out of the processor's
     * sight, an unresolved name in them included, so the rest would be checked as if complete.
     */
    private static boolean droppedField(Trees trees, NetworkModel model) {
        Tree tree;
        try {
            tree = trees.getTree(model.type());
        } catch (RuntimeException noTree) {
            return false;
        }
        if (!(tree instanceof ClassTree type)) {
            return false;
        }
        int declared = 0;
        for (Tree member : type.getMembers()) {
            if (member instanceof VariableTree) {
                declared++;
            }
        }
        return declared > ElementFilter.fieldsIn(model.type().getEnclosedElements()).size();
    }

    private static boolean dropped(Trees trees, Element element, AnnotationMirror mirror) {
        Tree tree;
        try {
            tree = trees.getTree(element, mirror);
        } catch (RuntimeException noTree) {
            return false;
        }
        return tree instanceof AnnotationTree annotation
                && annotation.getArguments().size() > mirror.getElementValues().size();
    }
}
