/**
 * The emulated sysfs of a {@link io.github.apmatrix.core.model.Host}: {@code /sys/bus/ap}, the card
 * and queue devices under {@code /sys/devices/ap}, and vfio_ap's matrix device with its mediated
 * devices under {@code /sys/devices/vfio_ap/matrix}, with the kernel's read formats, write
 * semantics and errno.
 *
 * <p>{@link io.github.apmatrix.api.sysfs.Sysfs} is the entry point; it is thread-safe as the host
 * is.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.sysfs;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
