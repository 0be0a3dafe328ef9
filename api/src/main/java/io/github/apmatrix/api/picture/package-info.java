/**
 * Pictures of a host's matrix: adapters × domains coloured by who holds each queue, withheld cells
 * marked with their reason, control domains in their own strip. {@link
 * io.github.apmatrix.api.picture.Grid} is the picture's content; {@link
 * io.github.apmatrix.api.picture.SvgPicture}, {@link io.github.apmatrix.api.picture.HtmlReport} and
 * {@link io.github.apmatrix.api.picture.TerminalGrid} render it.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.picture;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
