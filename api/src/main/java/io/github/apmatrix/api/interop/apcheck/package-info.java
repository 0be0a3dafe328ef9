/**
 * s390-tools' {@code ap-check}, the mdevctl callout that validates vfio_ap device configs: the same
 * checks in the same order, the same messages and exit statuses, the configuration lock, and the
 * get-attributes and capabilities answers ({@link io.github.apmatrix.api.interop.apcheck.ApCheck}),
 * on a directory tree ({@link io.github.apmatrix.api.interop.apcheck.RootEnvironment}) or on the
 * model ({@link io.github.apmatrix.api.interop.apcheck.ModelEnvironment}); {@link
 * io.github.apmatrix.api.interop.apcheck.ApCheckCommand} is its command line.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.interop.apcheck;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
