/**
 * QuickTheories generators of apmatrix values: {@link
 * io.github.apmatrix.testkit.quicktheories.ApmatrixGens}. The jar is the automatic module {@code
 * io.github.apmatrix.testkit.quicktheories}.
 *
 * <pre>{@code
 * qt().forAll(ApmatrixGens.bitmaps(), ApmatrixGens.bitmaps())
 *     .check((a, b) -> a.or(b).containsAll(a));
 * }</pre>
 */
@NullMarked
package io.github.apmatrix.testkit.quicktheories;

import org.jspecify.annotations.NullMarked;
