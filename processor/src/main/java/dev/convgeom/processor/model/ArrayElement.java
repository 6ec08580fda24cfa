package dev.convgeom.processor.model;

import javax.lang.model.element.AnnotationValue;

/**
 * One element of a written array attribute ({@code from = {"a", "b"}}), with its own source
 * handle: javac's {@code Messager} accepts an element's value and puts the caret under that
 * element, so a diagnostic about {@code "b"} points at {@code "b"}, not at the whole array.
 *
 * @param index  its position in the array, from 0
 * @param value  its value
 * @param source its source handle, for diagnostics
 * @param <T>    the element type
 */
public record ArrayElement<T>(int index, T value, AnnotationValue source) {
}
