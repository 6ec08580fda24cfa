package dev.convgeom.processor.model;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.Trees;
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
        for (LayerDeclaration layer : model.layers()) {
            if (dropped(trees, layer.field(), layer.values().mirror())) {
                return true;
            }
            // A second layer annotation is an error of its own, but one to report only once
            // javac has nothing to say about what is written in it.
            for (AnnotationMirror extra : layer.extra()) {
                if (dropped(trees, layer.field(), extra)) {
                    return true;
                }
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
        long declared = type.getMembers().stream().filter(m -> m instanceof VariableTree).count();
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
