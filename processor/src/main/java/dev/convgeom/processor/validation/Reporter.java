package dev.convgeom.processor.validation;

import dev.convgeom.processor.diagnostics.Message;
import dev.convgeom.engine.Severity;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints diagnostics at elements, and remembers whether any error was printed since the last
 * {@link #reset()}, so a model with errors is not generated.
 */
public final class Reporter {

    private final Messager messager;
    private boolean errors;

    public Reporter(Messager messager) {
        this.messager = messager;
    }

    /** Starts a new model. */
    public void reset() {
        errors = false;
    }

    public boolean hasErrors() {
        return errors;
    }

    /** Reports at {@code element}, under {@code mirror} and at {@code value} when they are given. */
    public void report(Severity severity, String text, Element element, AnnotationMirror mirror, AnnotationValue value) {
        Diagnostic.Kind kind = severity == Severity.ERROR ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
        if (severity == Severity.ERROR) {
            errors = true;
        }
        if (mirror == null) {
            messager.printMessage(kind, text, element);
        } else if (value == null) {
            messager.printMessage(kind, text, element, mirror);
        } else {
            messager.printMessage(kind, text, element, mirror, value);
        }
    }

    /** Reports {@code message} with its default severity. */
    public void report(Message message, Element element, AnnotationMirror mirror, AnnotationValue value, Object... args) {
        report(message.severity(), message.format(args), element, mirror, value);
    }
}
