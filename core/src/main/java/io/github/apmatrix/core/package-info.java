/**
 * The value types of apmatrix: 256-bit MSB-0 bitmaps, adapter and domain ids, APQNs, AP control
 * blocks and the kernel's error numbers.
 *
 * <p>Everything here is immutable and thread-safe. Nothing in this package parses or prints user
 * text beyond each value's canonical form.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.core;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
