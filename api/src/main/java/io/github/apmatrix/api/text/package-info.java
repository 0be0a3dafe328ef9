/**
 * The text grammars of the vfio_ap world: where strings become typed values and back.
 *
 * <ul>
 *   <li>{@link io.github.apmatrix.api.text.KernelNumber}: {@code kstrtoul(buf, 0, ...)}, the number
 *       syntax of every {@code assign_*}/{@code unassign_*} attribute;
 *   <li>{@link io.github.apmatrix.api.text.ApMask}: the AP bus masks {@code apmask}/{@code aqmask}
 *       (absolute hex and relative {@code +n,-m} edits) and the QCI mask read forms;
 *   <li>{@link io.github.apmatrix.api.text.ApConfigText}: the mediated device's {@code ap_config};
 *   <li>{@link io.github.apmatrix.api.text.MatrixText}: the {@code matrix}, {@code guest_matrix}
 *       and {@code control_domains} listings;
 *   <li>{@link io.github.apmatrix.api.text.ChzdevList}: the {@code chzdev --type ap} id lists.
 * </ul>
 *
 * <p>Every parser here throws {@link io.github.apmatrix.api.text.SyntaxException} and nothing else
 * for any input string, carrying the errno the kernel answers with and the position of the
 * offending character. Every class is stateless or immutable and thread-safe.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.text;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
