/**
 * Host snapshots: a directory that mirrors {@code /sys} as a copy of a real host's files would,
 * loaded into a {@link io.github.apmatrix.core.model.Host} through the kernel's own operations, and
 * written back in the same layout. {@link io.github.apmatrix.api.snapshot.Snapshot} is the entry
 * point.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.snapshot;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
